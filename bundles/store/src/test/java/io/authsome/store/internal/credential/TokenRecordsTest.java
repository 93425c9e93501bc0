package io.authsome.store.internal.credential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.authsome.api.credential.TokenRenewer;
import io.authsome.api.vault.Connection;
import io.authsome.api.vault.ConnectionState;
import io.authsome.api.vault.Secret;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A renewal as a stored connection: what a refresh keeps and changes, and how a failure is recorded. */
class TokenRecordsTest {
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final Instant T1 = Instant.parse("2026-01-01T11:30:00Z");

    private static Connection loggedIn() {
        return new Connection("x", "default", ConnectionState.CONNECTED,
                Map.of("access_token", Secret.of("at1"), "refresh_token", Secret.of("rt1")),
                Map.of(Connection.ISSUED_AT, T0.toString(), "scopes", "a b"), T0, T0, T0.plusSeconds(60));
    }

    private static TokenRenewer.Tokens tokens(String access, String refresh, Long expiresIn, String scope) {
        return new TokenRenewer.Tokens(Secret.of(access), refresh == null ? null : Secret.of(refresh), expiresIn,
                scope);
    }

    @Test
    void aRefreshKeepsARefreshTokenTheServerDidNotRotate() {
        Connection old = loggedIn();
        Connection kept = TokenRecords.refreshed(old, tokens("at2", null, 120L, null), T1);
        assertEquals("at2", kept.secrets().get("access_token").reveal());
        assertEquals("rt1", kept.secrets().get("refresh_token").reveal());
        assertEquals("a b", kept.attributes().get("scopes"), "scopes the answer does not name stay");
        assertEquals(T1.plusSeconds(120), kept.expiresAt());
        assertEquals(T0, kept.createdAt());
        assertEquals(T1, kept.updatedAt());
        assertEquals(T1, TokenRecords.issuedAt(kept));

        Connection rotated = TokenRecords.refreshed(old, tokens("at3", "rt2", null, "a"), T1);
        assertEquals("rt2", rotated.secrets().get("refresh_token").reveal());
        assertEquals("a", rotated.attributes().get("scopes"));
        assertNull(rotated.expiresAt());
    }

    @Test
    void aFailedRefreshIsRecordedAndARefreshClearsIt() {
        Connection old = loggedIn();
        Connection failed = TokenRecords.failed(old, ConnectionState.EXPIRED, "invalid_grant", T1);
        assertEquals(ConnectionState.EXPIRED, failed.state());
        assertEquals("invalid_grant", failed.attributes().get("last_error"));
        assertEquals(old.secrets(), failed.secrets());
        assertEquals(old.expiresAt(), failed.expiresAt());
        assertEquals(T1, failed.updatedAt(), "updated_at says when the state changed");
        assertEquals(T0, TokenRecords.issuedAt(failed), "issued_at stays: the refresh window is measured from it");

        Connection again = TokenRecords.refreshed(failed, tokens("at2", null, 60L, null), T1);
        assertEquals(ConnectionState.CONNECTED, again.state());
        assertFalse(again.attributes().containsKey("last_error"));
    }

    @Test
    void aRecordWithoutIssuedAtWasIssuedWhenItWasLastUpdated() {
        Connection legacy = new Connection("x", "default", ConnectionState.CONNECTED, Map.of("access_token",
                Secret.of("at")), Map.of(), T0, T1, null);
        assertEquals(T1, TokenRecords.issuedAt(legacy));
        Connection failed = TokenRecords.failed(legacy, ConnectionState.EXPIRED, "invalid_grant",
                T1.plusSeconds(60));
        assertEquals(T1, TokenRecords.issuedAt(failed));
    }
}
