package io.authsome.api.credential;

import io.authsome.api.AuthsomeException;
import io.authsome.api.provider.Provider;
import io.authsome.api.vault.Connection;
import io.authsome.api.vault.OAuthClient;
import io.authsome.api.vault.Secret;
import java.io.PrintStream;
import java.util.Objects;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Renews the tokens of an OAuth connection at its provider's token endpoint: one request, with
 * the connection's refresh token (or, for a connection of the {@code client_credentials} flow, a
 * new client credentials grant). It only talks to the token endpoint: it reads and writes no
 * record, takes no lock and audits nothing. The {@link CredentialResolver} calls it when a token
 * is due, under the connection's refresh lock, and stores and audits what it answers.
 * Thread-safe.
 *
 * @since 2.0
 */
@ProviderType
public interface TokenRenewer {
    /**
     * Asks for new tokens.
     *
     * @param provider   the provider of the connection (its token endpoint, client authentication
     *                   and request format)
     * @param connection the connection whose tokens are due, as stored
     * @param client     the OAuth client that obtained its tokens, or {@code null} when there is none
     * @param trace      where the round trip is printed, secrets redacted ({@code --verbose}), or
     *                   {@code null}
     * @return the new tokens, or why there are none; never {@code null}
     * @throws AuthsomeException only for a failure that is not the token endpoint's answer
     */
    Renewal renew(Provider provider, Connection connection, OAuthClient client, PrintStream trace)
            throws AuthsomeException;

    /**
     * The tokens a renewal obtained.
     *
     * @param accessToken  the new access token
     * @param refreshToken the new refresh token, or {@code null} when the server did not rotate it
     *                     (the stored one is then kept)
     * @param expiresIn    the lifetime of the access token in seconds, or {@code null} when the
     *                     server gave none (the token is then taken as not expiring)
     * @param scope        the scopes granted, or {@code null} when the server did not say
     */
    record Tokens(Secret accessToken, Secret refreshToken, Long expiresIn, String scope) {
        /** Checks that there is an access token. */
        public Tokens {
            Objects.requireNonNull(accessToken, "accessToken");
        }
    }

    /** How a renewal failed, which decides what becomes of the connection. */
    enum Failure {
        /** The provider rejected the grant ({@code invalid_grant}, or no refresh token): a new login is needed. */
        REJECTED_GRANT,
        /** The provider rejected the OAuth client ({@code invalid_client}, {@code unauthorized_client}). */
        REJECTED_CLIENT,
        /** Anything that may work next time: a timeout, an unreachable server, a 5xx, another error. */
        TRANSIENT
    }

    /**
     * What a renewal answers: the new {@code tokens}, or the {@code failure} with the provider's
     * error code and a message that names the endpoint and the error, never a token.
     *
     * @param tokens  the new tokens, or {@code null} when the renewal failed
     * @param failure the class of failure, or {@code null} when it succeeded
     * @param error   the OAuth {@code error} code or a word such as {@code timeout}; {@code null} on success
     * @param message what went wrong, for the user; {@code null} on success
     */
    record Renewal(Tokens tokens, Failure failure, String error, String message) {
        /** Checks that exactly one of tokens and failure is given. */
        public Renewal {
            if ((tokens == null) == (failure == null)) {
                throw new IllegalArgumentException("a renewal has either tokens or a failure");
            }
        }

        /** A renewal that obtained {@code tokens}. */
        public static Renewal renewed(Tokens tokens) {
            return new Renewal(Objects.requireNonNull(tokens, "tokens"), null, null, null);
        }

        /** A renewal that failed. */
        public static Renewal failed(Failure failure, String error, String message) {
            return new Renewal(null, Objects.requireNonNull(failure, "failure"), error, message);
        }

        /** Whether new tokens came. */
        public boolean succeeded() {
            return tokens != null;
        }
    }
}
