package io.authsome.common.text;

import io.authsome.api.vault.ConnectionState;
import java.util.List;

/**
 * The one command that fixes each situation a user meets, in the same words from every command
 * that meets it (the proxy, {@code list}, {@code get}, {@code export}, {@code login}, a refresh):
 * the error table of the command-line contract. Pure functions of the situation and the provider.
 */
public final class NextStep {
    private NextStep() {
    }

    /** A provider that is not connected, or a connection that only needs a login. */
    public static String login(String provider) {
        return login(provider, List.of());
    }

    /** A login asking for {@code scopes} (the user's {@code --scopes}; none for the provider's own). */
    public static String login(String provider, List<String> scopes) {
        return "authsome login " + provider + (scopes.isEmpty() ? "" : " --scopes " + String.join(",", scopes));
    }

    /** A connection that only a new login can make usable again, replacing the stored one. */
    public static String loginAgain(String provider) {
        return login(provider) + " --force";
    }

    /** The provider rejected the credential (HTTP 401, {@code invalid_grant}). */
    public static String credentialRejected(String provider) {
        return "authsome revoke " + provider + " then " + login(provider);
    }

    /** The provider rejected the OAuth client ({@code invalid_client}, {@code unauthorized_client}). */
    public static String clientRejected(String provider) {
        return "authsome remove " + provider + " then " + login(provider);
    }

    /** An API answered 403 for missing scopes: a login asking for every scope needed (never a new provider). */
    public static String missingScopes(String provider, List<String> scopes) {
        return login(provider, scopes);
    }

    /** Whether an OAuth {@code error} code rejects the client rather than the grant. */
    public static boolean rejectsClient(String oauthError) {
        return "invalid_client".equals(oauthError) || "unauthorized_client".equals(oauthError);
    }

    /** After the provider rejected a connection with the OAuth {@code error} code {@code oauthError}. */
    public static String rejected(String provider, String oauthError) {
        return rejectsClient(oauthError) ? clientRejected(provider) : credentialRejected(provider);
    }

    /**
     * What a user does about a connection in {@code state}; {@code null} for {@code connected}.
     *
     * @param lastError the OAuth error that made it {@code invalid} or {@code expired}, or {@code null}
     */
    public static String forState(String provider, ConnectionState state, String lastError) {
        return switch (state) {
            case CONNECTED -> null;
            case AVAILABLE, CONFIGURED -> login(provider);
            case EXPIRED -> "retried on next use; if it keeps failing: " + loginAgain(provider);
            case INVALID -> rejected(provider, lastError);
        };
    }
}
