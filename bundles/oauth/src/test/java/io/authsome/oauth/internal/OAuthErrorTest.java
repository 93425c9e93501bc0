package io.authsome.oauth.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.authsome.api.ErrorCode;
import io.authsome.api.login.LoginFailure;
import io.authsome.common.text.NextStep;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The classes of OAuth errors, which decide what becomes of a connection, and what a timeout tells. */
class OAuthErrorTest {
    @Test
    void everyOAuthErrorCodeHasItsClass() {
        Map<String, OAuthError.Kind> expected = Map.of(
                "invalid_grant", OAuthError.Kind.REJECTED_GRANT,
                "invalid_client", OAuthError.Kind.REJECTED_CLIENT,
                "unauthorized_client", OAuthError.Kind.REJECTED_CLIENT,
                "access_denied", OAuthError.Kind.DENIED,
                "expired_token", OAuthError.Kind.DENIED,
                "temporarily_unavailable", OAuthError.Kind.TRANSIENT,
                "server_error", OAuthError.Kind.TRANSIENT,
                "invalid_scope", OAuthError.Kind.OTHER,
                "authorization_pending", OAuthError.Kind.OTHER,
                "", OAuthError.Kind.OTHER);
        expected.forEach((error, kind) -> assertEquals(kind, OAuthError.classify(error), error));
    }

    @Test
    void theClassIsCaseSensitiveAsRfc6749Says() {
        assertEquals(OAuthError.Kind.OTHER, OAuthError.classify("INVALID_GRANT"));
    }

    @Test
    void anErrorKeepsItsKindCodeAndMessage() {
        OAuthError e = new OAuthError(OAuthError.Kind.TRANSIENT, "timeout", "https://x/token did not answer within 5 s");
        assertEquals(OAuthError.Kind.TRANSIENT, e.kind());
        assertEquals("timeout", e.error());
        assertEquals("https://x/token did not answer within 5 s", e.getMessage());
    }

    @Test
    void aBrowserTimeoutNamesTheWaitTheLikelyCauseAndTheFix() {
        LoginFailure failure = OAuthFailures.browserTimedOut("github", Duration.ofSeconds(120));
        assertEquals(LoginFailure.Reason.TIMED_OUT, failure.reason());
        assertEquals(ErrorCode.AUTHENTICATION_FAILED, failure.code());
        assertEquals(2, failure.code().exitCode());
        assertTrue(failure.getMessage().startsWith("no login callback arrived within 120 s."), failure.getMessage());
        assertTrue(failure.getMessage().contains("--timeout SECONDS"), failure.getMessage());
        assertEquals(NextStep.clientRejected("github"), failure.nextStep());
    }
}
