package io.authsome.store.internal.credential;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.authsome.api.vault.Connection;
import io.authsome.api.vault.ConnectionState;
import io.authsome.api.vault.Secret;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When a token is renewed: the lead, half the lifetime, clock skew, a missing expiry. */
class RefreshDecisionTest {
    private static final Instant ISSUED = Instant.parse("2026-01-01T00:00:00Z");
    private static final long LEAD = 300;

    private static Connection token(Instant issued, Instant expires, boolean refreshToken, Map<String, String> more) {
        Map<String, Secret> secrets = new LinkedHashMap<>();
        secrets.put(Connection.ACCESS_TOKEN, Secret.of("at"));
        if (refreshToken) {
            secrets.put(Connection.REFRESH_TOKEN, Secret.of("rt"));
        }
        Map<String, String> attributes = new HashMap<>(more);
        if (issued != null) {
            attributes.put(Connection.ISSUED_AT, issued.toString());
        }
        return new Connection("github", "default", ConnectionState.CONNECTED, secrets, attributes, ISSUED, ISSUED,
                expires);
    }

    private static Connection token(long lifetimeSeconds) {
        return token(ISSUED, ISSUED.plusSeconds(lifetimeSeconds), true, Map.of());
    }

    @Test
    void aLongLivedTokenIsDueOnlyWithinTheLeadOfItsExpiry() {
        Connection hour = token(3600);
        Instant expiry = ISSUED.plusSeconds(3600);
        assertFalse(RefreshDecision.due(hour, expiry.minusSeconds(LEAD + 1), LEAD));
        assertTrue(RefreshDecision.due(hour, expiry.minusSeconds(LEAD), LEAD));
        assertTrue(RefreshDecision.due(hour, expiry.plusSeconds(10), LEAD), "past its expiry it is due");
    }

    @Test
    void theLeadComesFromTheConfiguration() {
        Connection hour = token(3600);
        Instant tenMinutesBefore = ISSUED.plusSeconds(3000);
        assertFalse(RefreshDecision.due(hour, tenMinutesBefore, LEAD));
        assertTrue(RefreshDecision.due(hour, tenMinutesBefore, 900));
        assertFalse(RefreshDecision.due(hour, ISSUED.plusSeconds(3599), 0), "no lead: due only at expiry");
    }

    @Test
    void aShortLivedTokenIsDueAtHalfItsLifetimeNotOnEveryUse() {
        Connection twoMinutes = token(120);
        assertFalse(RefreshDecision.due(twoMinutes, ISSUED, LEAD), "not at once, though the lead exceeds its lifetime");
        assertFalse(RefreshDecision.due(twoMinutes, ISSUED.plusSeconds(59), LEAD));
        assertTrue(RefreshDecision.due(twoMinutes, ISSUED.plusSeconds(60), LEAD));
    }

    @Test
    void aTokenWithoutExpiresInIsNeverDue() {
        Connection noExpiry = token(ISSUED, null, true, Map.of());
        assertFalse(RefreshDecision.due(noExpiry, ISSUED.plusSeconds(365L * 24 * 3600), LEAD));
    }

    @Test
    void aConnectionWithoutAccessTokenIsNeverDue() {
        Connection apiKey = Connection.apiKey("openai", "default", Secret.of("sk-x"), Map.of(), ISSUED);
        assertFalse(RefreshDecision.due(apiKey, ISSUED.plusSeconds(365L * 24 * 3600), LEAD));
    }

    @Test
    void withNothingToRenewWithATokenServesUntilItsExpiry() {
        Connection noRefresh = token(ISSUED, ISSUED.plusSeconds(3600), false, Map.of());
        assertFalse(RefreshDecision.due(noRefresh, ISSUED.plusSeconds(3599), LEAD), "no window without a refresh token");
        assertTrue(RefreshDecision.due(noRefresh, ISSUED.plusSeconds(3600), LEAD));
        Connection clientCredentials = token(ISSUED, ISSUED.plusSeconds(3600), false,
                Map.of(Connection.FLOW, "client_credentials"));
        assertTrue(RefreshDecision.due(clientCredentials, ISSUED.plusSeconds(3300), LEAD),
                "a client credentials token is renewed with the client, so the lead applies");
    }

    @Test
    void clockSkewIsMeasuredFromTheIssueTimeTheRecordSays() {
        // issued "in the future" by a clock ahead of this one: the window is still half the
        // lifetime, measured from the recorded issue time, so the token is not due at once.
        Instant ahead = ISSUED.plusSeconds(600);
        Connection skewed = token(ahead, ahead.plusSeconds(3600), true, Map.of());
        assertFalse(RefreshDecision.due(skewed, ISSUED, LEAD));
        assertTrue(RefreshDecision.due(skewed, ahead.plusSeconds(3600 - LEAD), LEAD));
        // an expiry before the recorded issue time (a clock far behind): no window, due at expiry
        Connection backwards = token(ISSUED.plusSeconds(7200), ISSUED.plusSeconds(3600), true, Map.of());
        assertFalse(RefreshDecision.due(backwards, ISSUED.plusSeconds(3599), LEAD));
        assertTrue(RefreshDecision.due(backwards, ISSUED.plusSeconds(3600), LEAD));
    }

    @Test
    void aRecordWithoutIssuedAtIsMeasuredFromItsLastUpdate() {
        Connection old = token(null, ISSUED.plusSeconds(120), true, Map.of());
        assertFalse(RefreshDecision.due(old, ISSUED.plusSeconds(59), LEAD));
        assertTrue(RefreshDecision.due(old, ISSUED.plusSeconds(60), LEAD));
    }
}
