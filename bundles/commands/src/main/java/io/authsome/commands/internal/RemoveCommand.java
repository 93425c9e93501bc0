package io.authsome.commands.internal;

import io.authsome.api.AuthsomeException;
import io.authsome.api.audit.AuditEvent;
import io.authsome.api.audit.AuditLog;
import io.authsome.api.command.AuthsomeCommand;
import io.authsome.api.command.CommandContext;
import io.authsome.api.command.CommandResult;
import io.authsome.api.command.Text;
import io.authsome.api.provider.Provider;
import io.authsome.api.provider.ProviderCatalog;
import io.authsome.api.provider.ProviderSource;
import io.authsome.api.vault.ProfileStore;
import io.authsome.api.vault.Vault;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code remove <provider>}: drops the provider's stored OAuth client in the profile (so the next
 * login asks for a fresh one), and uninstalls it when it is a custom provider. A bundled provider
 * stays.
 */
@Command(name = "remove", description = "Remove a custom provider, or reset a bundled one.")
@Component(scope = ServiceScope.PROTOTYPE, property = {
        AuthsomeCommand.NAME + "=remove",
        AuthsomeCommand.SUMMARY + "=Remove a custom provider, or reset a bundled one",
        AuthsomeCommand.SECRETS + "=" + AuthsomeCommand.SECRETS_ALWAYS})
public final class RemoveCommand implements AuthsomeCommand {
    @Parameters(paramLabel = "<provider>", description = "Provider name.")
    private String name;

    @Reference
    private ProviderCatalog catalog;

    @Reference
    private AuditLog audit;

    @Reference
    private Vault vault;

    @Override
    public CommandResult execute(CommandContext context) throws AuthsomeException {
        Provider provider = catalog.require(name);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("provider", provider.name());
        ProfileStore store = vault.profile(context.profile());
        boolean hadClient = store.client(provider.name()).isPresent();
        store.deleteClient(provider.name());
        data.put("client_reset", hadClient);
        if (provider.source() == ProviderSource.BUNDLED) {
            data.put("removed", false);
            audit.record(AuditEvent.of("remove", store.name(), provider.name(), null, AuditEvent.SUCCESS)
                    .with("client_reset", hadClient));
            return CommandResult.of(data, new Text("'" + name + "' is bundled and stays available; "
                    + (hadClient ? "its stored OAuth client is gone, so the next login asks for one."
                    : "it had no stored OAuth client to reset.")));
        }
        Provider removed = catalog.remove(name);
        audit.record(new AuditEvent("remove", null, name, null, AuditEvent.SUCCESS, Map.of("file", removed.origin())));
        data.put("removed", true);
        data.put("path", removed.origin());
        String after = catalog.find(name).map(p -> " The " + p.source().id() + " definition of '" + name
                + "' applies again.").orElse("");
        return CommandResult.of(data, new Text("Removed custom provider '" + name + "' (" + removed.origin() + ")."
                + after));
    }
}
