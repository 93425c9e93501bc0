package io.authsome.console.internal.health;

import io.authsome.api.command.AuthsomeCommand;
import io.authsome.api.command.Block;
import io.authsome.api.command.CommandContext;
import io.authsome.api.command.CommandResult;
import io.authsome.api.command.CommandSpec;
import io.authsome.api.command.Table;
import io.authsome.api.command.Text;
import io.authsome.api.provider.Provider;
import io.authsome.api.provider.ProviderCatalog;
import io.authsome.api.provider.ProviderProblem;
import io.authsome.common.health.BundleStates;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;

/** {@code bundles}: installed bundles, their state, and the providers each contributes. */
@CommandSpec(name = "bundles", summary = "List installed bundles, their state and providers",
        description = "List installed bundles with their state and the providers each contributes.")
@Component(scope = ServiceScope.PROTOTYPE)
public final class BundlesCommand implements AuthsomeCommand {
    @Reference
    private ProviderCatalog catalog;

    private BundleContext bundleContext;

    @Activate
    void activate(BundleContext bundleContext) {
        this.bundleContext = bundleContext;
    }

    @Override
    public CommandResult execute(CommandContext context) {
        List<Map<String, Object>> bundles = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        List<ProviderProblem> allProblems = catalog.problems();
        for (Bundle bundle : bundleContext.getBundles()) {
            String name = bundle.getSymbolicName();
            List<String> providers = catalog.providers().stream()
                    .filter(p -> p.origin().equals(name)).map(Provider::name).toList();
            List<String> problems = allProblems.stream()
                    .filter(p -> p.origin().equals(name) || p.origin().startsWith(name + "/"))
                    .map(ProviderProblem::toString).toList();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", bundle.getBundleId());
            entry.put("symbolic_name", name);
            entry.put("version", bundle.getVersion().toString());
            entry.put("state", BundleStates.of(bundle));
            entry.put("location", bundle.getLocation());
            entry.put("providers", providers);
            entry.put("problems", problems);
            bundles.add(entry);
            rows.add(List.of(Long.toString(bundle.getBundleId()), BundleStates.of(bundle), String.valueOf(name),
                    bundle.getVersion().toString(), problems.isEmpty() ? String.join(", ", providers) : "invalid"));
        }
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Table(List.of("ID", "STATE", "BUNDLE", "VERSION", "PROVIDERS"), rows));
        bundles.stream().flatMap(b -> ((List<?>) b.get("problems")).stream())
                .forEach(problem -> blocks.add(new Text("rejected: " + problem)));
        return new CommandResult(Map.of("bundles", bundles), blocks, 0);
    }
}
