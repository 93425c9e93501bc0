package io.authsome.oauth.internal;

import io.authsome.api.vault.Connection;
import io.authsome.api.vault.ConnectionState;
import io.authsome.api.vault.OAuthClient;
import io.authsome.api.vault.Secret;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns the token response of a login into a stored connection (the store's resolver updates it on renewal). */
final class TokenConnections {
    static final String ACCESS_TOKEN = "access_token";
    static final String REFRESH_TOKEN = "refresh_token";
    /** Non-secret attribute: when the access token was issued, which the refresh window is measured from. */
    static final String ISSUED_AT = Connection.ISSUED_AT;

    private TokenConnections() {
    }

    /** A new connection from the tokens of a login, remembering the client that obtained them. */
    static Connection login(String provider, String name, TokenResponse tokens, List<String> askedScopes,
                            String baseUrl, OAuthClient client, Instant now) {
        Map<String, String> attributes = new LinkedHashMap<>();
        if (client != null) {
            attributes.put(Connection.CLIENT_ID, client.clientId());
        }
        attributes.put(ISSUED_AT, now.toString());
        attributes.put("scopes", tokens.scope() != null ? tokens.scope() : String.join(" ", askedScopes));
        attributes.put("token_type", tokens.tokenType());
        if (tokens.account() != null) {
            attributes.put(Connection.ACCOUNT, tokens.account());
        }
        if (baseUrl != null) {
            attributes.put("base_url", baseUrl);
        }
        return new Connection(provider, name, ConnectionState.CONNECTED, secrets(tokens, null), attributes, now, now,
                expiry(tokens, now));
    }

    private static Map<String, Secret> secrets(TokenResponse tokens, Secret keptRefresh) {
        Map<String, Secret> secrets = new LinkedHashMap<>();
        secrets.put(ACCESS_TOKEN, tokens.accessToken());
        Secret refresh = tokens.refreshToken() != null ? tokens.refreshToken() : keptRefresh;
        if (refresh != null) {
            secrets.put(REFRESH_TOKEN, refresh);
        }
        return secrets;
    }

    /** No {@code expires_in}: the token is taken as not expiring, so it is never refreshed in a storm. */
    private static Instant expiry(TokenResponse tokens, Instant now) {
        return tokens.expiresIn() == null ? null : now.plusSeconds(tokens.expiresIn());
    }
}
