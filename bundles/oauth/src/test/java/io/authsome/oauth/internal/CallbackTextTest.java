package io.authsome.oauth.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Text that comes from outside (a callback URL, an error page) and the values a login makes up. */
class CallbackTextTest {
    @Test
    void printableKeepsAsciiAndReplacesEverythingElse() {
        assertEquals("access_denied", LoopbackCallback.printable("access_denied"));
        assertEquals("a?[2Jb?c??", LoopbackCallback.printable("a\u001b[2Jb\nc\u00e9\u4e2d"));
        assertEquals("~ !", LoopbackCallback.printable("~ !"));
    }

    @Test
    void printableCutsAtTwoHundredCharacters() {
        assertEquals("x".repeat(200), LoopbackCallback.printable("x".repeat(200)));
        assertEquals("y".repeat(200) + "...", LoopbackCallback.printable("y".repeat(201)));
    }

    @Test
    void theRedirectUriIsTheLoopbackCallbackPathOnThePort() {
        assertEquals("http://127.0.0.1:8765/auth/callback/oauth", AuthorizationCodeLogin.redirectUri(8765));
    }

    @Test
    void pkceValuesAreUrlSafeAndTheChallengeMatchesTheVerifier() {
        Set<String> states = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            Pkce pkce = Pkce.generate();
            assertTrue(pkce.verifier().matches("[A-Za-z0-9_-]{43}"), pkce.verifier());
            assertTrue(pkce.state().matches("[A-Za-z0-9_-]{32}"), pkce.state());
            assertEquals(Pkce.challengeOf(pkce.verifier()), pkce.challenge());
            assertTrue(states.add(pkce.state()));
        }
        assertNotEquals(Pkce.challengeOf("a"), Pkce.challengeOf("b"));
        assertEquals("Pkce[redacted]", Pkce.generate().toString());
    }
}
