package io.authsome.oauth.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.authsome.api.credential.TokenRenewer.Failure;
import org.junit.jupiter.api.Test;

/** Only a rejected grant or client is a definite failure; the store marks the rest as transient. */
class OAuthTokenRenewerTest {
    @Test
    void failuresAreClassifiedForTheStore() {
        assertEquals(Failure.REJECTED_GRANT, OAuthTokenRenewer.failure(OAuthError.Kind.REJECTED_GRANT));
        assertEquals(Failure.REJECTED_CLIENT, OAuthTokenRenewer.failure(OAuthError.Kind.REJECTED_CLIENT));
        assertEquals(Failure.TRANSIENT, OAuthTokenRenewer.failure(OAuthError.Kind.TRANSIENT));
        assertEquals(Failure.TRANSIENT, OAuthTokenRenewer.failure(OAuthError.Kind.OTHER));
        assertEquals(Failure.TRANSIENT, OAuthTokenRenewer.failure(OAuthError.Kind.DENIED));
    }
}
