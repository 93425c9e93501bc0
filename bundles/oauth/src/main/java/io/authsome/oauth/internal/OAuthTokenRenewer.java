package io.authsome.oauth.internal;

import io.authsome.api.config.Configuration;
import io.authsome.api.config.HttpConfig;
import io.authsome.api.credential.TokenRenewer;
import io.authsome.api.provider.OAuthSettings;
import io.authsome.api.provider.Provider;
import io.authsome.api.vault.Connection;
import io.authsome.api.vault.OAuthClient;
import io.authsome.api.vault.Secret;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Renews a connection's tokens at its provider's token endpoint, for the store's credential
 * resolver: the refresh token grant, or a new client credentials grant for a connection of that
 * flow. Talks to the token endpoint only; the resolver decides when, holds the lock, saves and
 * audits.
 */
@Component(service = TokenRenewer.class)
public final class OAuthTokenRenewer implements TokenRenewer {
    @Reference
    private Configuration configuration;

    @Override
    public Renewal renew(Provider provider, Connection connection, OAuthClient client, PrintStream trace) {
        OAuthSettings oauth = provider.definition().oauth();
        HttpConfig settings = configuration.current().http();
        TokenEndpoint http = trace == null ? Http.endpoint(settings) : Http.endpoint(settings).tracing(trace);
        try {
            Endpoints endpoints = Endpoints.resolve(oauth, connection.attributes().get("base_url"), http);
            TokenResponse tokens = http.grant(endpoints.token(), form(connection), client, oauth);
            return Renewal.renewed(new Tokens(tokens.accessToken(), tokens.refreshToken(), tokens.expiresIn(),
                    tokens.scope()));
        } catch (OAuthError e) {
            return Renewal.failed(failure(e.kind()), e.error(), e.getMessage());
        }
    }

    /** Only a rejected grant or client is definite; everything else may work on the next use. */
    static Failure failure(OAuthError.Kind kind) {
        return switch (kind) {
            case REJECTED_GRANT -> Failure.REJECTED_GRANT;
            case REJECTED_CLIENT -> Failure.REJECTED_CLIENT;
            default -> Failure.TRANSIENT;
        };
    }

    private static Map<String, String> form(Connection old) throws OAuthError {
        if ("client_credentials".equals(old.attributes().get("flow"))) {
            String scopes = old.attributes().getOrDefault("scopes", "");
            return ClientCredentials.form(scopes.isBlank() ? List.of() : Arrays.asList(scopes.split(" ")));
        }
        Secret refresh = old.secrets().get(TokenConnections.REFRESH_TOKEN);
        if (refresh == null) {
            throw new OAuthError(OAuthError.Kind.REJECTED_GRANT, "no_refresh_token",
                    "the connection holds no refresh token");
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refresh.reveal());
        return form;
    }
}
