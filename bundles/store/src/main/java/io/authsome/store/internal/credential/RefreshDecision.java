package io.authsome.store.internal.credential;

import io.authsome.api.vault.Connection;
import java.time.Duration;
import java.time.Instant;

/**
 * When an OAuth access token is renewed: within the lead time of its expiry,
 * {@code refresh.lead_seconds} or half its lifetime, whichever is shorter, so a short-lived token
 * is not renewed on every use. A token without an expiry ({@code expires_in} missing) is never
 * due, so it is never refreshed in a storm; one that cannot be renewed is due only once it has
 * expired (then only a new login helps). The clock is the caller's {@code now}: a token issued
 * "in the future" by a skewed clock is measured from when it says it was issued, and a lifetime
 * that comes out negative gives no window at all.
 */
final class RefreshDecision {
    static final long DEFAULT_LEAD_SECONDS = 300;

    private RefreshDecision() {
    }

    static boolean due(Connection connection, Instant now, long leadSeconds) {
        if (connection.expiresAt() == null || !connection.secrets().containsKey(Connection.ACCESS_TOKEN)) {
            return false;
        }
        if (!connection.renewable()) {
            // Nothing to renew with: the token serves until it expires, then a login is needed.
            return !now.isBefore(connection.expiresAt());
        }
        return !now.isBefore(renewalTime(TokenRecords.issuedAt(connection), connection.expiresAt(), leadSeconds));
    }

    /** When a token that can be renewed, issued at {@code issuedAt} and expiring at {@code expiresAt}, comes due. */
    static Instant renewalTime(Instant issuedAt, Instant expiresAt, long leadSeconds) {
        Duration lifetime = Duration.between(issuedAt, expiresAt);
        Duration window = Duration.ofSeconds(Math.min(leadSeconds, Math.max(0, lifetime.toSeconds() / 2)));
        return expiresAt.minus(window);
    }
}
