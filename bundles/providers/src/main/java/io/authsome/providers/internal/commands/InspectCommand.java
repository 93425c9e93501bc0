package io.authsome.providers.internal.commands;

import io.authsome.api.AuthsomeException;
import io.authsome.api.command.AuthsomeCommand;
import io.authsome.api.command.CommandContext;
import io.authsome.api.command.CommandResult;
import io.authsome.api.command.CommandSpec;
import io.authsome.api.command.Text;
import io.authsome.api.provider.Provider;
import io.authsome.api.provider.ProviderCatalog;
import io.authsome.api.vault.ConnectionInfo;
import io.authsome.api.vault.Vault;
import io.authsome.common.json.Json;
import io.authsome.providers.internal.RunningPlugins;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import picocli.CommandLine.Parameters;

/** {@code inspect <provider>}: the definition and the connections of one provider. */
@CommandSpec(name = "inspect", summary = "Show a provider's definition and connections",
        description = "Show a provider's definition (JSON) and its connections.")
@Component(scope = ServiceScope.PROTOTYPE)
public final class InspectCommand implements AuthsomeCommand {
    @Parameters(paramLabel = "<provider>", description = "Provider name.")
    private String name;

    @Reference
    private ProviderCatalog catalog;

    @Reference
    private Vault vault;

    @Reference
    private RunningPlugins plugins;

    @Override
    public CommandResult execute(CommandContext context) throws AuthsomeException {
        Provider provider = catalog.require(name);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", provider.name());
        data.put("source", provider.source().id());
        data.put("origin", provider.origin());
        String injects = plugins.injects(provider).orElse(provider.definition().injection().describe());
        data.put("injects", injects);
        boolean missing = plugins.missing(provider);
        if (provider.definition().injector() != null) {
            data.put("plugin", provider.definition().injector());
            data.put("plugin_state", missing ? RunningPlugins.MISSING_STATE : "running");
        }
        if (missing) {
            data.put("next_step", RunningPlugins.nextStep(provider));
        }
        data.put("definition", provider.definition().document());
        List<ConnectionInfo> connections = vault.exists()
                ? vault.profile(context.profile()).connections(provider.name()) : List.of();
        data.put("connections", connections.stream().map(c -> Map.of("name", c.name(), "state", c.state().id(),
                "default", c.isDefault())).toList());
        String names = connections.stream().map(c -> c.name() + " (" + c.state().id() + (c.isDefault() ? ", default)" : ")"))
                .collect(Collectors.joining(", "));
        String text = provider.name() + " (" + provider.source().id() + ", " + provider.origin() + ")\n"
                + "injects: " + injects + "\n"
                + (provider.definition().injector() == null ? "" : "plugin: " + provider.definition().injector()
                        + (missing ? " (plugin missing: " + RunningPlugins.nextStep(provider) + ")" : " (running)") + "\n")
                + "connections: " + (names.isEmpty() ? "none" : names) + "\n"
                + "definition:\n" + Json.write(provider.definition().document());
        return CommandResult.of(data, new Text(text));
    }
}
