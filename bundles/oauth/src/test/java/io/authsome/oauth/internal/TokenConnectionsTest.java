package io.authsome.oauth.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.authsome.api.vault.Connection;
import io.authsome.api.vault.ConnectionState;
import io.authsome.api.vault.OAuthClient;
import io.authsome.api.vault.Secret;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Token responses as stored connections: what a login stores (what a refresh keeps and changes: the store's TokenRecordsTest). */
class TokenConnectionsTest {
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final Instant T1 = Instant.parse("2026-01-01T11:30:00Z");
    private static final OAuthClient CLIENT = new OAuthClient("github", "client-1", null, Map.of(), T0);

    private static TokenResponse tokens(String access, String refresh, Long expiresIn, String scope, String account) {
        return new TokenResponse(Secret.of(access), refresh == null ? null : Secret.of(refresh), expiresIn, scope,
                "Bearer", account);
    }

    @Test
    void aLoginStoresTheTokensTheClientAndTheFacts() {
        Connection c = TokenConnections.login("github", "work", tokens("at", "rt", 3600L, "repo", "octo"),
                List.of("repo", "user"), "https://ghe.example.com", CLIENT, T0);
        assertEquals("github", c.provider());
        assertEquals("work", c.name());
        assertEquals(ConnectionState.CONNECTED, c.state());
        assertEquals("at", c.secrets().get("access_token").reveal());
        assertEquals("rt", c.secrets().get("refresh_token").reveal());
        assertEquals(Map.of(Connection.CLIENT_ID, "client-1", "issued_at", "2026-01-01T10:00:00Z", "scopes", "repo",
                "token_type", "Bearer", Connection.ACCOUNT, "octo", "base_url", "https://ghe.example.com"),
                c.attributes());
        assertEquals(T0, c.createdAt());
        assertEquals(T0, c.updatedAt());
        assertEquals(T0.plusSeconds(3600), c.expiresAt());
    }

    @Test
    void withoutGrantedScopesTheAskedOnesAreStoredAndWithoutExpiresInTheTokenDoesNotExpire() {
        Connection c = TokenConnections.login("x", "default", tokens("at", null, null, null, null),
                List.of("read", "write"), null, null, T0);
        assertEquals("read write", c.attributes().get("scopes"));
        assertNull(c.expiresAt());
        assertFalse(c.secrets().containsKey("refresh_token"));
        assertFalse(c.attributes().containsKey(Connection.CLIENT_ID));
        assertFalse(c.attributes().containsKey(Connection.ACCOUNT));
        assertFalse(c.attributes().containsKey("base_url"));
    }
}
