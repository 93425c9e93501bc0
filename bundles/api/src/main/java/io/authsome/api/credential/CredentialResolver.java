package io.authsome.api.credential;

import io.authsome.api.AuthsomeException;
import io.authsome.api.vault.Connection;
import java.io.PrintStream;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Gives a connection ready to use. An OAuth access token within the refresh lead time of its
 * expiry ({@code refresh.lead_seconds}, default 300, or half its lifetime when that is shorter)
 * is refreshed first. Concurrent callers of one connection, in this process and in other
 * processes sharing the home, cause one refresh request: the others wait and read what it wrote.
 * Thread-safe.
 */
@ProviderType
public interface CredentialResolver {
    /**
     * @throws AuthsomeException {@code CREDENTIAL_UNAVAILABLE} when the refresh failed: the state is
     *                           then {@code invalid} (the provider rejected the grant) or
     *                           {@code expired} (a transient failure, retried on next use)
     */
    Connection resolve(String profile, String provider, String connection) throws AuthsomeException;

    /** Refreshes now, whatever the expiry (after an upstream 401, say). */
    Connection refresh(String profile, String provider, String connection) throws AuthsomeException;

    /**
     * This resolver, with the round trips of its refreshes printed to {@code trace}, secrets
     * redacted ({@code --verbose}). The default, for resolvers that make no round trip, is this one.
     *
     * @since 1.1
     */
    default CredentialResolver tracing(PrintStream trace) {
        return this;
    }
}
