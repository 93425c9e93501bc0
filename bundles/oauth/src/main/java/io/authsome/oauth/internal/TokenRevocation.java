package io.authsome.oauth.internal;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.config.Configuration;
import io.authsome.api.credential.TokenRevoker;
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
import io.authsome.common.connection.ConnectionClients;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Revokes a connection's refresh token, then its access token, at the provider's revocation
 * endpoint, authenticated as the client that obtained them; used by {@code revoke}, {@code remove},
 * {@code unregister --force} and the scope upgrade of {@code login}.
 */
@Component(service = TokenRevoker.class)
public final class TokenRevocation implements TokenRevoker {
    @Reference
    private Vault vault;

    @Reference
    private ProviderCatalog catalog;

    @Reference
    private Configuration configuration;

    @Override
    public Outcome revoke(String profile, Connection connection, PrintStream trace) {
        Provider provider = catalog.find(connection.provider()).orElse(null);
        if (provider == null) {
            return new Outcome(connection.name(), "provider " + connection.provider() + " is no longer installed:"
                    + " the tokens of connection " + connection.name() + " stay valid until they expire");
        }
        try {
            return revoke(vault.profile(profile), provider, connection, trace);
        } catch (AuthsomeException e) {
            return new Outcome(connection.name(), "profile " + profile + " cannot be opened (" + e.getMessage() + ")");
        }
    }

    @Override
    public List<Outcome> revokeAndDelete(String profile, Provider provider, String connection, PrintStream trace)
            throws AuthsomeException {
        ProfileStore store = vault.profile(profile);
        List<ConnectionInfo> targets = store.connections(provider.name()).stream()
                .filter(info -> connection == null || info.name().equals(connection)).toList();
        if (connection != null && targets.isEmpty()) {
            throw new AuthsomeException(ErrorCode.CONNECTION_NOT_FOUND, "no connection '" + connection + "' of "
                    + provider.name() + " in profile " + store.name(), "authsome list");
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (ConnectionInfo info : targets) {
            Outcome outcome;
            try {
                outcome = revoke(store, provider, store.read(provider.name(), info.name()), trace);
            } catch (AuthsomeException e) {
                outcome = new Outcome(info.name(), "connection " + info.name() + " could not be read ("
                        + e.getMessage() + ")");
            }
            store.delete(provider.name(), info.name());
            outcomes.add(outcome.revoked() ? outcome
                    : new Outcome(info.name(), outcome.warning() + "; it is removed here anyway"));
        }
        return outcomes;
    }

    private Outcome revoke(ProfileStore store, Provider provider, Connection connection, PrintStream trace) {
        String name = connection.name();
        OAuthSettings oauth = provider.definition().oauth();
        if (provider.definition().authType() == AuthType.API_KEY || oauth == null) {
            return new Outcome(name, "API keys cannot be revoked from here: the key of connection " + name
                    + " stays valid at " + provider.definition().displayName() + " until you delete it in its dashboard");
        }
        OAuthClient client;
        try {
            client = ConnectionClients.of(store, connection);
        } catch (AuthsomeException e) {
            return new Outcome(name, "the OAuth client of connection " + name + " cannot be read (" + e.getMessage()
                    + ")");
        }
        TokenEndpoint http = trace == null ? Http.endpoint(configuration.current().http())
                : Http.endpoint(configuration.current().http()).tracing(trace);
        try {
            Endpoints endpoints = Endpoints.resolve(oauth, connection.attributes().get("base_url"), http);
            if (endpoints.revocation() == null) {
                return new Outcome(name, provider.name() + " has no revocation endpoint: the tokens of connection "
                        + name + " stay valid until they expire");
            }
            for (String field : List.of(TokenConnections.REFRESH_TOKEN, TokenConnections.ACCESS_TOKEN)) {
                Secret token = connection.secrets().get(field);
                if (token != null) {
                    Revocation.revoke(http, endpoints.revocation(), oauth, client, token, field);
                }
            }
            return new Outcome(name, null);
        } catch (OAuthError e) {
            return new Outcome(name, "the provider could not revoke connection " + name + " (" + e.getMessage() + ")");
        }
    }
}
