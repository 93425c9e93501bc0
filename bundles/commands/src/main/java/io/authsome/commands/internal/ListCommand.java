package io.authsome.commands.internal;

import io.authsome.api.command.AuthsomeCommand;
import io.authsome.api.command.Block;
import io.authsome.api.command.CommandContext;
import io.authsome.api.command.CommandResult;
import io.authsome.api.command.Table;
import io.authsome.api.command.Text;
import io.authsome.api.provider.Provider;
import io.authsome.api.provider.ProviderCatalog;
import io.authsome.api.provider.ProviderProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import picocli.CommandLine.Command;

/** {@code list}: every provider with its source, auth type and state. */
@Command(name = "list", description = "List every provider (bundled, custom, drop-in) and its state.")
@Component(scope = ServiceScope.PROTOTYPE, property = {
        AuthsomeCommand.NAME + "=list",
        AuthsomeCommand.SUMMARY + "=List providers with their source, auth type and state"})
public final class ListCommand implements AuthsomeCommand {
    /** The state of a provider without any stored credential. */
    static final String AVAILABLE = "available";

    @Reference
    private ProviderCatalog catalog;

    @Override
    public CommandResult execute(CommandContext context) {
        List<Map<String, Object>> providers = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        for (Provider provider : catalog.providers()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", provider.name());
            entry.put("display_name", provider.definition().displayName());
            entry.put("source", provider.source().id());
            entry.put("auth_type", provider.definition().authType().id());
            entry.put("flow", provider.definition().flow().id());
            entry.put("state", AVAILABLE);
            entry.put("connections", List.of());
            providers.add(entry);
            rows.add(List.of(provider.name(), provider.definition().displayName(), provider.source().id(),
                    provider.definition().authType().id(), AVAILABLE));
        }
        List<ProviderProblem> problems = catalog.problems();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("providers", providers);
        data.put("problems", problems.stream().map(ProviderProblem::toString).toList());
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Table(List.of("NAME", "DISPLAY NAME", "SOURCE", "AUTH", "STATE"), rows));
        if (!context.quiet()) {
            blocks.add(new Text("\n" + providers.size() + " providers. Connect one with: authsome login <provider>"));
        }
        if (!problems.isEmpty()) {
            blocks.add(new Text(problems.size() + " provider definition(s) rejected: authsome doctor shows why"));
        }
        return new CommandResult(data, blocks, 0);
    }
}
