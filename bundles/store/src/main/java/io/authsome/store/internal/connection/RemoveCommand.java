package io.authsome.store.internal.connection;

import io.authsome.api.AuthsomeException;
import io.authsome.api.audit.AuditLog;
import io.authsome.api.command.AuthsomeCommand;
import io.authsome.api.command.CommandContext;
import io.authsome.api.command.CommandResult;
import io.authsome.api.command.CommandSpec;
import io.authsome.api.command.Text;
import io.authsome.api.credential.TokenRevoker;
import io.authsome.api.provider.Provider;
import io.authsome.api.provider.ProviderCatalog;
import io.authsome.api.vault.Vault;
import io.authsome.common.connection.ProviderState;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import picocli.CommandLine.Parameters;

/**
 * {@code remove <provider>}: deletes the provider's state in the current profile: every
 * connection (revoked at the provider first, as {@code revoke} does) and every stored OAuth
 * client. The definition, bundled, custom or drop-in, is untouched, so the next login collects
 * fresh client values; {@code unregister} deletes a custom definition.
 */
@CommandSpec(name = "remove", summary = "Delete a provider's connections and OAuth client in this profile",
        secrets = AuthsomeCommand.SECRETS_ALWAYS)
@Component(scope = ServiceScope.PROTOTYPE)
public final class RemoveCommand implements AuthsomeCommand {
    @Parameters(paramLabel = "<provider>", description = "Provider name.")
    private String name;

    @Reference
    private ProviderCatalog catalog;

    @Reference
    private AuditLog audit;

    @Reference
    private Vault vault;

    @Reference
    private TokenRevoker revoker;

    @Override
    public CommandResult execute(CommandContext context) throws AuthsomeException {
        Provider provider = catalog.require(name);
        ProviderState.Removal removal = new ProviderState(vault, revoker, audit).remove(context.profile(), provider,
                context.verbose() ? context.diagnostics() : null);
        removal.warnings().forEach(warning -> context.diagnostics().println("warning: " + warning));
        String connections = removal.connections().isEmpty() ? "it had no connection"
                : "connection" + (removal.connections().size() == 1 ? " " : "s ") + String.join(", ", removal.connections())
                + (removal.warnings().isEmpty() ? " revoked and deleted" : " deleted");
        String client = removal.clientRemoved() ? "its OAuth client is gone" : "it had no stored OAuth client";
        return CommandResult.of(removal.toJson(), new Text("Removed " + provider.name() + " from profile "
                + removal.profile() + ": " + connections + "; " + client + ". The definition stays: authsome login "
                + provider.name() + " starts afresh."));
    }
}
