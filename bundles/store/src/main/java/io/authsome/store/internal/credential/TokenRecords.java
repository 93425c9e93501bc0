package io.authsome.store.internal.credential;

import io.authsome.api.credential.TokenRenewer;
import io.authsome.api.vault.Connection;
import io.authsome.api.vault.ConnectionInfo;
import io.authsome.api.vault.ConnectionState;
import io.authsome.api.vault.Secret;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A stored OAuth connection updated after a renewal: with its new tokens, or marked as the failure left it. */
final class TokenRecords {
    private TokenRecords() {
    }

    /** {@code old} with renewed tokens; a refresh token the server did not rotate is kept, and so are other secrets. */
    static Connection refreshed(Connection old, TokenRenewer.Tokens tokens, Instant now) {
        Map<String, String> attributes = new LinkedHashMap<>(old.attributes());
        if (tokens.scope() != null) {
            attributes.put("scopes", tokens.scope());
        }
        attributes.remove("last_error");
        attributes.put(Connection.ISSUED_AT, now.toString());
        // the other secrets stay: a refresh token the server did not rotate, a minter's key material
        Map<String, Secret> secrets = new LinkedHashMap<>(old.secrets());
        secrets.put(Connection.ACCESS_TOKEN, tokens.accessToken());
        if (tokens.refreshToken() != null) {
            secrets.put(Connection.REFRESH_TOKEN, tokens.refreshToken());
        }
        // No expires_in: the token is taken as not expiring, so it is never refreshed in a storm.
        Instant expiry = tokens.expiresIn() == null ? null : now.plusSeconds(tokens.expiresIn());
        return new Connection(old.provider(), old.name(), ConnectionState.CONNECTED, secrets, attributes,
                old.createdAt(), now, expiry);
    }

    /**
     * {@code old} marked {@code state} after a failed refresh, with the reason (never a token);
     * {@code updated_at} says when the state changed, {@code issued_at} stays.
     */
    static Connection failed(Connection old, ConnectionState state, String reason, Instant now) {
        Map<String, String> attributes = new LinkedHashMap<>(old.attributes());
        attributes.put("last_error", reason);
        attributes.putIfAbsent(Connection.ISSUED_AT, old.updatedAt().toString());
        return new Connection(old.provider(), old.name(), state, old.secrets(), attributes, old.createdAt(),
                now, old.expiresAt());
    }

    /** When the access token was issued; records older than the attribute changed only when tokens came. */
    static Instant issuedAt(Connection connection) {
        return issuedAt(connection.attributes(), connection.updatedAt());
    }

    /** The same, from what the profile index says of the connection. */
    static Instant issuedAt(ConnectionInfo info) {
        return issuedAt(info.attributes(), info.updatedAt());
    }

    private static Instant issuedAt(Map<String, String> attributes, Instant updatedAt) {
        String issued = attributes.get(Connection.ISSUED_AT);
        return issued == null ? updatedAt : Instant.parse(issued);
    }
}
