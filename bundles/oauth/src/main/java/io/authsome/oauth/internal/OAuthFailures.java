package io.authsome.oauth.internal;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;

/** What a failed OAuth call means for a login, with the command that fixes it. */
final class OAuthFailures {
    private OAuthFailures() {
    }

    static AuthsomeException atLogin(OAuthError e, String provider) {
        return switch (e.kind()) {
            case REJECTED_CLIENT -> new AuthsomeException(ErrorCode.AUTHENTICATION_FAILED, provider
                    + " rejected the OAuth client: " + e.getMessage(),
                    "authsome remove " + provider + " then authsome login " + provider);
            case TRANSIENT -> new AuthsomeException(ErrorCode.ENDPOINT_UNREACHABLE, e.getMessage(),
                    "try again; if it persists, check the network or the provider's status");
            case DENIED -> new AuthsomeException(ErrorCode.AUTHENTICATION_FAILED, "the login was not approved: "
                    + e.getMessage(), "authsome login " + provider);
            default -> new AuthsomeException(ErrorCode.AUTHENTICATION_FAILED, provider + " refused the login: "
                    + e.getMessage(), "authsome login " + provider);
        };
    }
}
