package io.authsome.oauth.internal;

import io.authsome.api.AuthsomeException;
import io.authsome.api.audit.AuditEvent;
import io.authsome.api.audit.AuditLog;
import io.authsome.api.command.AuthsomeCommand;
import io.authsome.api.command.CommandContext;
import io.authsome.api.command.CommandResult;
import io.authsome.api.command.Text;
import io.authsome.api.provider.AuthType;
import io.authsome.api.provider.OAuthSettings;
import io.authsome.api.provider.Provider;
import io.authsome.api.provider.ProviderCatalog;
import io.authsome.api.vault.Connection;
import io.authsome.api.vault.ConnectionInfo;
import io.authsome.api.vault.OAuthClient;
import io.authsome.api.vault.ProfileStore;
import io.authsome.api.vault.Secret;
import io.authsome.api.vault.Vault;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code revoke <provider>}: revokes the refresh and access tokens at the provider (RFC 7009 or
 * the provider's variant), then removes every connection and the OAuth client of the provider in
 * the profile, even when the provider could not be reached (with a warning).
 */
@Command(name = "revoke", description = "Revoke a provider's tokens at the provider, then remove its connections and client.")
@Component(scope = ServiceScope.PROTOTYPE, property = {
        AuthsomeCommand.NAME + "=revoke",
        AuthsomeCommand.SUMMARY + "=Revoke tokens at the provider and remove the connections",
        AuthsomeCommand.SECRETS + "=" + AuthsomeCommand.SECRETS_ALWAYS})
public final class RevokeCommand implements AuthsomeCommand {
    @Parameters(paramLabel = "<provider>", description = "Provider name.")
    private String name;

    @Reference
    private ProviderCatalog catalog;

    @Reference
    private Vault vault;

    @Reference
    private AuditLog audit;

    @Override
    public CommandResult execute(CommandContext context) throws AuthsomeException {
        Provider provider = catalog.require(name);
        ProfileStore store = vault.profile(context.profile());
        OAuthClient client = store.client(provider.name()).orElse(null);
        List<String> warnings = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        for (ConnectionInfo info : store.connections(provider.name())) {
            int warned = warnings.size();
            revokeRemotely(provider, store, info, client, warnings, context);
            store.delete(provider.name(), info.name());
            removed.add(info.name());
            // Each connection's outcome is its own: an earlier connection's warning does not make it local only.
            audit.record(AuditEvent.of("revoke", store.name(), provider.name(), info.name(),
                    warnings.size() == warned ? AuditEvent.SUCCESS : "local_only"));
        }
        store.deleteClient(provider.name());
        if (provider.definition().authType() == AuthType.API_KEY && !removed.isEmpty()) {
            warnings.add("API keys cannot be revoked from here: the key stays valid at " + provider.definition()
                    .displayName() + " until you delete it in its dashboard");
        }
        warnings.forEach(warning -> context.diagnostics().println("warning: " + warning));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("provider", provider.name());
        data.put("removed", removed);
        data.put("warnings", warnings);
        return CommandResult.of(data, new Text(removed.isEmpty() ? "No connection of " + provider.name()
                + " in profile " + store.name() + "; its stored client, if any, is gone."
                : "Revoked and removed " + String.join(", ", removed) + " of " + provider.name() + "."));
    }

    private void revokeRemotely(Provider provider, ProfileStore store, ConnectionInfo info, OAuthClient client,
                                List<String> warnings, CommandContext context) {
        OAuthSettings oauth = provider.definition().oauth();
        if (oauth == null) {
            return;
        }
        try {
            Connection connection = store.read(provider.name(), info.name());
            TokenEndpoint http = Http.endpoint(context);
            Endpoints endpoints = Endpoints.resolve(oauth, connection.attributes().get("base_url"), http);
            if (endpoints.revocation() == null) {
                warnings.add(provider.name() + " has no revocation endpoint: connection " + info.name()
                        + " is removed here but its tokens stay valid until they expire");
                return;
            }
            for (String field : List.of(TokenConnections.REFRESH_TOKEN, TokenConnections.ACCESS_TOKEN)) {
                Secret token = connection.secrets().get(field);
                if (token != null) {
                    Revocation.revoke(http, endpoints.revocation(), oauth, client, token, field);
                }
            }
        } catch (OAuthError e) {
            warnings.add("the provider could not revoke connection " + info.name() + " (" + e.getMessage()
                    + "); it is removed here anyway");
        } catch (AuthsomeException e) {
            warnings.add("connection " + info.name() + " could not be read (" + e.getMessage()
                    + "); it is removed here anyway");
        }
    }
}
