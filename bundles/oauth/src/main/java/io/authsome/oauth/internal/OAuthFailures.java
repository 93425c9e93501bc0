package io.authsome.oauth.internal;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.NextStep;
import io.authsome.api.login.LoginRequest;
import io.authsome.api.vault.OAuthClient;

/** What a failed OAuth call means for a login, with the command that fixes it. */
final class OAuthFailures {
    private OAuthFailures() {
    }

    /**
     * @param client the client the login used, named when the provider rejects it; {@code null}
     *               before there is one
     */
    static AuthsomeException atLogin(OAuthError e, LoginRequest request, OAuthClient client) {
        String provider = request.provider().name();
        String again = NextStep.login(provider, request.scopes());
        return switch (e.kind()) {
            case REJECTED_CLIENT -> new AuthsomeException(ErrorCode.AUTHENTICATION_FAILED, provider
                    + " rejected the OAuth client" + (client == null ? "" : " " + client.clientId()) + ": "
                    + e.getMessage(), NextStep.clientRejected(provider));
            case TRANSIENT -> new AuthsomeException(ErrorCode.ENDPOINT_UNREACHABLE, e.getMessage(),
                    "try again; if it persists, check the network or the provider's status");
            case DENIED -> new AuthsomeException(ErrorCode.AUTHENTICATION_FAILED, "the login was not approved: "
                    + e.getMessage(), again);
            default -> new AuthsomeException(ErrorCode.AUTHENTICATION_FAILED, provider + " refused the login: "
                    + e.getMessage(), again);
        };
    }
}
