package io.authsome.oauth.internal;

import io.authsome.api.ErrorCode;
import io.authsome.api.login.LoginFailure.Reason;
import io.authsome.api.login.LoginFailure;
import io.authsome.api.login.LoginRequest;
import io.authsome.api.vault.OAuthClient;
import io.authsome.common.text.NextStep;
import java.time.Duration;

/** What a failed OAuth call means for a login, with the command that fixes it. */
final class OAuthFailures {
    private OAuthFailures() {
    }

    /**
     * @param client the client the login used, named when the provider rejects it; {@code null}
     *               before there is one
     */
    static LoginFailure atLogin(OAuthError e, LoginRequest request, OAuthClient client) {
        String provider = request.provider().name();
        String again = NextStep.login(provider, request.scopes());
        return switch (e.kind()) {
            case REJECTED_CLIENT -> new LoginFailure(Reason.CLIENT_REJECTED, ErrorCode.AUTHENTICATION_FAILED, provider
                    + " rejected the OAuth client" + (client == null ? "" : " " + client.clientId()) + ": "
                    + e.getMessage(), NextStep.clientRejected(provider));
            case TRANSIENT -> new LoginFailure(Reason.ENDPOINT_UNREACHABLE, ErrorCode.ENDPOINT_UNREACHABLE,
                    e.getMessage(), "try again; if it persists, check the network or the provider's status");
            case DENIED -> new LoginFailure("expired_token".equals(e.error()) ? Reason.TIMED_OUT : Reason.ACCESS_DENIED,
                    ErrorCode.AUTHENTICATION_FAILED, "the login was not approved: " + e.getMessage(), again);
            default -> new LoginFailure(Reason.PROVIDER_REFUSED, ErrorCode.AUTHENTICATION_FAILED, provider
                    + " refused the login: " + e.getMessage(), again);
        };
    }

    /**
     * No redirect came back from the authorization page in time. When a client is wrong, the
     * provider shows its error page and never redirects, so a timeout usually means that.
     */
    static LoginFailure browserTimedOut(String provider, Duration timeout) {
        return new LoginFailure(Reason.TIMED_OUT, ErrorCode.AUTHENTICATION_FAILED, "no login callback arrived within "
                + timeout.toSeconds() + " s. Usually the authorization page showed an error about the OAuth client"
                + " (an unknown client id, or a redirect URI the client does not allow) and never sent the browser"
                + " back; start over with fresh client values. If you only needed more time, run the login again"
                + " with --timeout SECONDS.", NextStep.clientRejected(provider));
    }
}
