package io.authsome.providers.internal.commands;

import io.authsome.api.AuthsomeException;
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
import io.authsome.api.vault.ConnectionInfo;
import io.authsome.api.vault.ConnectionState;
import io.authsome.api.vault.Vault;
import io.authsome.common.connection.ProfileOverview;
import io.authsome.common.connection.ShownState;
import io.authsome.providers.internal.RunningPlugins;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;

/**
 * {@code list}: every provider with its source, auth type and state; a provider whose plugin is
 * not running shows {@value RunningPlugins#MISSING_STATE} and what to do, whatever its connections.
 */
@CommandSpec(name = "list", summary = "List providers with their source, auth type and state",
        description = "List every provider (bundled, custom, drop-in) with its source, auth type and state.")
@Component(scope = ServiceScope.PROTOTYPE)
public final class ListCommand implements AuthsomeCommand {
    @Reference
    private ProviderCatalog catalog;

    @Reference
    private Vault vault;

    @Reference
    private RunningPlugins plugins;

    @Override
    public CommandResult execute(CommandContext context) throws AuthsomeException {
        ProfileOverview overview = ProfileOverview.of(catalog, vault, context.profile(), Instant.now());
        int connected = 0;
        List<Map<String, Object>> providers = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        List<ProfileOverview.Shown> shown = new ArrayList<>();
        List<String> missingPlugins = new ArrayList<>();
        for (ProfileOverview.Entry entry : overview.providers()) {
            Provider provider = entry.provider();
            if (entry.state().equals(ConnectionState.CONNECTED.id())) {
                connected++;
            }
            shown.addAll(entry.connections());
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("name", provider.name());
            json.put("display_name", provider.definition().displayName());
            json.put("source", provider.source().id());
            json.put("auth_type", provider.definition().authType().id());
            json.put("flow", provider.definition().flow().id());
            String state = entry.state();
            if (plugins.missing(provider)) {
                state = RunningPlugins.MISSING_STATE;
                String step = RunningPlugins.nextStep(provider);
                json.put("state", state);
                json.put("next_step", step);
                missingPlugins.add(provider.name() + " needs the plugin '" + provider.definition().injector() + "': "
                        + step);
            } else {
                json.put("state", state);
            }
            json.put("connections", entry.connections().stream().map(c -> connection(c.info(), c.state())).toList());
            providers.add(json);
            rows.add(List.of(provider.name(), provider.definition().displayName(), provider.source().id(),
                    provider.definition().authType().id(), state.replace('_', ' '), names(entry.connections())));
        }
        List<ProviderProblem> problems = catalog.problems();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("providers", providers);
        data.put("problems", problems.stream().map(ProviderProblem::toString).toList());
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Table(List.of("NAME", "DISPLAY NAME", "SOURCE", "AUTH", "STATE", "CONNECTIONS"), rows));
        if (!context.quiet()) {
            blocks.add(new Text("\n" + providers.size() + " providers, " + connected
                    + " connected. Connect one with: authsome login <provider>"));
            nextSteps(shown).forEach(step -> blocks.add(new Text(step)));
        }
        missingPlugins.forEach(step -> blocks.add(new Text(step)));
        int rejected = problems.size() - missingPlugins.size();
        if (rejected > 0) {
            blocks.add(new Text(rejected + " provider definition(s) rejected: authsome doctor shows why"));
        }
        return new CommandResult(data, blocks, 0);
    }

    private static Map<String, Object> connection(ConnectionInfo info, ShownState shown) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", info.name());
        json.put("state", shown.state().id());
        json.put("default", info.isDefault());
        json.put("expires_at", info.expiresAt() == null ? null : info.expiresAt().toString());
        if (shown.nextStep() != null) {
            json.put("next_step", shown.nextStep());
        }
        return json;
    }

    /** {@code default*, work}: the names, the default one starred. */
    private static String names(List<ProfileOverview.Shown> connections) {
        return connections.stream().map(c -> c.info().name() + (c.info().isDefault() ? "*" : ""))
                .collect(Collectors.joining(", "));
    }

    private static List<String> nextSteps(List<ProfileOverview.Shown> shown) {
        List<String> steps = new ArrayList<>();
        for (ProfileOverview.Shown c : shown) {
            if (c.state().nextStep() != null) {
                steps.add(c.info().provider() + "/" + c.info().name() + " is " + c.state().state().id() + ": "
                        + c.state().nextStep());
            }
        }
        return steps;
    }
}
