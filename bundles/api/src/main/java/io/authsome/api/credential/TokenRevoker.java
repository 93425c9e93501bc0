package io.authsome.api.credential;

import io.authsome.api.AuthsomeException;
import io.authsome.api.provider.Provider;
import io.authsome.api.vault.Connection;
import java.io.PrintStream;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Revokes the tokens of connections at their provider (RFC 7009, or the provider's variant),
 * each with the OAuth client that obtained them. A revocation that fails never keeps a
 * connection: the outcome says why its tokens may stay valid. Thread-safe.
 *
 * @since 1.2
 */
@ProviderType
public interface TokenRevoker {
    /**
     * What became of one connection's tokens at the provider.
     *
     * @param connection the connection name
     * @param warning    why its tokens may stay valid at the provider, or {@code null} when they were revoked
     */
    record Outcome(String connection, String warning) {
        /** Whether the provider revoked the tokens (no warning). */
        public boolean revoked() {
            return warning == null;
        }
    }

    /**
     * Revokes the tokens of {@code connection} at its provider; the stored connection is left as it is.
     *
     * @param trace where {@code --verbose} round trips go, or {@code null}
     */
    Outcome revoke(String profile, Connection connection, PrintStream trace);

    /**
     * Revokes, then deletes, the connections of {@code provider} in {@code profile}: the one
     * named, or every one when {@code connection} is {@code null}. The stored OAuth client stays.
     *
     * @return one outcome per deleted connection
     * @throws AuthsomeException {@code CONNECTION_NOT_FOUND} when the named connection does not exist
     */
    List<Outcome> revokeAndDelete(String profile, Provider provider, String connection, PrintStream trace)
            throws AuthsomeException;
}
