package io.authsome.oauth.internal;

import io.authsome.api.AuthsomeException;
import io.authsome.api.audit.AuditEvent;
import io.authsome.api.audit.AuditLog;
import io.authsome.api.command.AuthsomeCommand;
import io.authsome.api.command.CommandContext;
import io.authsome.api.command.CommandResult;
import io.authsome.api.command.CommandSpec;
import io.authsome.api.command.Text;
import io.authsome.api.credential.TokenRevoker;
import io.authsome.api.provider.Provider;
import io.authsome.api.provider.ProviderCatalog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code revoke <provider> [--connection N]}: revokes the refresh and access tokens at the
 * provider (RFC 7009 or the provider's variant), then removes the connections of the provider in
 * the profile (all of them, or the one named), even when the provider could not be reached (with
 * a warning). The stored OAuth client stays, so the login that follows asks only for consent.
 */
@CommandSpec(name = "revoke", summary = "Revoke tokens at the provider and remove the connections",
        description = "Revoke a provider's tokens at the provider, then remove its connections.",
        secrets = AuthsomeCommand.SECRETS_ALWAYS)
@Component(scope = ServiceScope.PROTOTYPE)
public final class RevokeCommand implements AuthsomeCommand {
    @Parameters(paramLabel = "<provider>", description = "Provider name.")
    private String name;

    @Option(names = "--connection", paramLabel = "NAME", description = "Only this connection (default: all of them).")
    private String connection;

    @Reference
    private ProviderCatalog catalog;

    @Reference
    private TokenRevoker revoker;

    @Reference
    private AuditLog audit;

    @Override
    public CommandResult execute(CommandContext context) throws AuthsomeException {
        Provider provider = catalog.require(name);
        List<TokenRevoker.Outcome> outcomes = revoker.revokeAndDelete(context.profile(), provider, connection,
                context.verbose() ? context.diagnostics() : null);
        for (TokenRevoker.Outcome outcome : outcomes) {
            audit.record(AuditEvent.of("revoke", context.profile(), provider.name(), outcome.connection(),
                    outcome.revoked() ? AuditEvent.SUCCESS : "local_only"));
            if (!outcome.revoked()) {
                context.diagnostics().println("warning: " + outcome.warning());
            }
        }
        List<String> removed = outcomes.stream().map(TokenRevoker.Outcome::connection).toList();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("provider", provider.name());
        data.put("removed", removed);
        data.put("warnings", outcomes.stream().filter(o -> !o.revoked()).map(TokenRevoker.Outcome::warning).toList());
        return CommandResult.of(data, new Text(removed.isEmpty() ? "No connection of " + provider.name()
                + " in profile " + context.profile() + "."
                : "Revoked and removed " + String.join(", ", removed) + " of " + provider.name() + "; its OAuth client"
                + " stays, so authsome login " + provider.name() + " asks only for your consent."));
    }
}
