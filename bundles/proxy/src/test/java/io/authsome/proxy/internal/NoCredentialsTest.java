package io.authsome.proxy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.vault.ConnectionState;
import org.junit.jupiter.api.Test;

class NoCredentialsTest {
    private static AuthsomeException failure(String next) {
        return new AuthsomeException(ErrorCode.CREDENTIAL_UNAVAILABLE, "no", next);
    }

    @Test
    void theNextStepFollowsTheStateWhenTheFailureNamesNoCommand() {
        assertEquals("authsome revoke gh then authsome login gh",
                NoCredentials.nextStep("gh", ConnectionState.INVALID, failure(null)));
        assertEquals("authsome login gh", NoCredentials.nextStep("gh", ConnectionState.CONFIGURED, failure(null)));
        assertEquals("authsome login gh --force",
                NoCredentials.nextStep("gh", ConnectionState.EXPIRED, failure("try again; it is retried on every use")));
    }

    @Test
    void aCommandTheFailureNamesWins() {
        assertEquals("authsome remove gh then authsome login gh", NoCredentials.nextStep("gh", ConnectionState.INVALID,
                failure("authsome remove gh then authsome login gh")));
    }
}
