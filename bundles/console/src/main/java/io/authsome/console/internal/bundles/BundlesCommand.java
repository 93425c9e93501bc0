package io.authsome.console.internal.bundles;

import io.authsome.api.AuthsomeException;
import io.authsome.api.audit.AuditEvent;
import io.authsome.api.audit.AuditLog;
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
import io.authsome.common.trust.DropinJar;
import io.authsome.console.internal.RunsWithoutAction;
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
import picocli.CommandLine.Command;

/**
 * {@code bundles}: installed bundles, their state, the providers each contributes, and the drop-in
 * jars that carry code and wait for trust; its actions trust, untrust and create code bundles.
 */
@CommandSpec(name = "bundles", summary = "List, trust or create provider bundles",
        description = {"List installed bundles, their state and the providers each contributes,",
                "and the drop-in bundles that carry code and do not run until trusted."},
        // trusted code runs beside the vault: a program behind the proxy may neither grant nor withdraw that
        secrets = {"trust", "untrust"})
@Component(scope = ServiceScope.PROTOTYPE)
@Command(subcommands = {TrustCommand.class, UntrustCommand.class, NewBundleCommand.class})
@RunsWithoutAction
public final class BundlesCommand implements AuthsomeCommand {
    @Reference
    private ProviderCatalog catalog;

    @Reference
    private AuditLog audit;

    private BundleContext bundleContext;

    @Activate
    void activate(BundleContext bundleContext) {
        this.bundleContext = bundleContext;
    }

    /** Audits {@code event} (bundle_trusted, bundle_untrusted) for the jar {@code change} is about. */
    void audit(String event, DropinTrust.Change change) {
        audit.record(new AuditEvent(event, null, null, null, AuditEvent.SUCCESS,
                Map.of("name", change.jar().name(), "sha256", change.jar().sha256())));
    }

    DropinTrust trust(CommandContext context) {
        return new DropinTrust(bundleContext, context.home());
    }

    @Override
    public CommandResult execute(CommandContext context) throws AuthsomeException {
        DropinTrust trust = trust(context);
        List<DropinJar> untrusted = trust.untrusted();
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
            trust.jarOf(bundle).ifPresent(jar -> entry.put("trusted", untrusted.stream()
                    .noneMatch(u -> u.name().equals(jar.getFileName().toString()))));
            bundles.add(entry);
            rows.add(List.of(Long.toString(bundle.getBundleId()), BundleStates.of(bundle), String.valueOf(name),
                    bundle.getVersion().toString(), problems.isEmpty() ? String.join(", ", providers) : "invalid"));
        }
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Table(List.of("ID", "STATE", "BUNDLE", "VERSION", "PROVIDERS"), rows));
        bundles.stream().flatMap(b -> ((List<?>) b.get("problems")).stream())
                .forEach(problem -> blocks.add(new Text("rejected: " + problem)));
        List<Map<String, Object>> waiting = new ArrayList<>();
        for (DropinJar jar : untrusted) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("file", jar.name());
            entry.put("sha256", jar.sha256());
            entry.put("next", DropinTrust.trustCommand(jar));
            waiting.add(entry);
            blocks.add(new Text("untrusted: " + jar.name() + " carries code and does not run until trusted: "
                    + DropinTrust.trustCommand(jar)));
        }
        return new CommandResult(Map.of("bundles", bundles, "untrusted", waiting), blocks, 0);
    }
}
