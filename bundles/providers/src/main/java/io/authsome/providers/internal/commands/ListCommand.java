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
import io.authsome.api.vault.ProfileStore;
import io.authsome.api.vault.Vault;
import io.authsome.common.connection.ShownState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;

/** {@code list}: every provider with its source, auth type and state. */
@CommandSpec(name = "list", summary = "List providers with their source, auth type and state",
        description = "List every provider (bundled, custom, drop-in) with its source, auth type and state.")
@Component(scope = ServiceScope.PROTOTYPE)
public final class ListCommand implements AuthsomeCommand {
    /** The state of a provider without any stored credential. */
    static final String AVAILABLE = "available";

    @Reference
    private ProviderCatalog catalog;

    @Reference
    private Vault vault;

    @Override
    public CommandResult execute(CommandContext context) throws AuthsomeException {
        Map<String, List<ConnectionInfo>> connections = new HashMap<>();
        Map<ConnectionInfo, ShownState> shown = new LinkedHashMap<>();
        ProfileStore store = vault.exists() ? vault.profile(context.profile()) : null;
        if (store != null) {
            Instant now = Instant.now();
            for (ConnectionInfo info : store.connections()) {
                connections.computeIfAbsent(info.provider(), p -> new ArrayList<>()).add(info);
                shown.put(info, ShownState.of(info, store, now));
            }
        }
        int connected = 0;
        List<Map<String, Object>> providers = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        for (Provider provider : catalog.providers()) {
            List<ConnectionInfo> own = connections.getOrDefault(provider.name(), List.of());
            String state = own.stream().filter(ConnectionInfo::isDefault).findFirst()
                    .map(info -> shown.get(info).state().id()).orElse(AVAILABLE);
            if (state.equals(ConnectionState.CONNECTED.id())) {
                connected++;
            }
            if (own.isEmpty() && store != null && hasClient(store, provider.name())) {
                state = ConnectionState.CONFIGURED.id();
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", provider.name());
            entry.put("display_name", provider.definition().displayName());
            entry.put("source", provider.source().id());
            entry.put("auth_type", provider.definition().authType().id());
            entry.put("flow", provider.definition().flow().id());
            entry.put("state", state);
            entry.put("connections", own.stream().map(info -> connection(info, shown.get(info))).toList());
            providers.add(entry);
            rows.add(List.of(provider.name(), provider.definition().displayName(), provider.source().id(),
                    provider.definition().authType().id(), state, names(own)));
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
        if (!problems.isEmpty()) {
            blocks.add(new Text(problems.size() + " provider definition(s) rejected: authsome doctor shows why"));
        }
        return new CommandResult(data, blocks, 0);
    }

    /** A damaged client record does not stop the listing; doctor names it. */
    private static boolean hasClient(ProfileStore store, String provider) {
        try {
            return store.client(provider).isPresent();
        } catch (AuthsomeException damaged) {
            return false;
        }
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
    private static String names(List<ConnectionInfo> connections) {
        return connections.stream().map(info -> info.name() + (info.isDefault() ? "*" : ""))
                .collect(Collectors.joining(", "));
    }

    private static List<String> nextSteps(Map<ConnectionInfo, ShownState> shown) {
        List<String> steps = new ArrayList<>();
        shown.forEach((info, state) -> {
            if (state.nextStep() != null) {
                steps.add(info.provider() + "/" + info.name() + " is " + state.state().id() + ": " + state.nextStep());
            }
        });
        return steps;
    }
}
