package io.authsome.common.connection;

import io.authsome.api.AuthsomeException;
import io.authsome.api.vault.Connection;
import io.authsome.api.vault.ConnectionInfo;
import io.authsome.api.vault.ConnectionState;
import io.authsome.api.vault.ProfileStore;
import io.authsome.common.text.NextStep;
import java.time.Instant;

/**
 * The state {@code list} and {@code get} show, with its next step: the stored state, except that
 * a credential past its expiry with nothing to renew it is {@code expired} at once (the stored
 * state only changes when it is next used), and only a new login helps.
 *
 * @param state    the state to show
 * @param nextStep what the user does about it, or {@code null} when connected
 */
public record ShownState(ConnectionState state, String nextStep) {
    /** From the record itself. */
    public static ShownState of(Connection connection, Instant now) {
        if (connection.state() == ConnectionState.CONNECTED && connection.expiredForGood(now)) {
            return new ShownState(ConnectionState.EXPIRED, NextStep.loginAgain(connection.provider()));
        }
        return stored(connection.provider(), connection.state(), connection.attributes().get("last_error"));
    }

    /** From the index; the record is read only for a connected credential past its expiry. */
    public static ShownState of(ConnectionInfo info, ProfileStore store, Instant now) {
        boolean pastExpiry = info.expiresAt() != null && !now.isBefore(info.expiresAt());
        if (info.state() == ConnectionState.CONNECTED && pastExpiry) {
            try {
                return of(store.read(info.provider(), info.name()), now);
            } catch (AuthsomeException unreadable) {
                // a damaged record does not stop the listing; doctor names it
            }
        }
        return stored(info.provider(), info.state(), info.attributes().get("last_error"));
    }

    private static ShownState stored(String provider, ConnectionState state, String lastError) {
        return new ShownState(state, NextStep.forState(provider, state, lastError));
    }

    /** Whether the state shown is {@code connected}. */
    public boolean connected() {
        return state == ConnectionState.CONNECTED;
    }
}
