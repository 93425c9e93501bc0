package io.authsome.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SignInsTest {
    /** A clock the test moves. */
    private static final class Hands extends Clock {
        private Instant now = Instant.parse("2026-12-02T10:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final Hands clock = new Hands();
    private final SignIns signIns = new SignIns(Duration.ofMinutes(2), clock);

    @Test
    void aTokenOpensOneSessionOnce() {
        String token = signIns.newToken();
        Optional<SignIns.Session> session = signIns.redeem(token);
        assertTrue(session.isPresent());
        assertFalse(signIns.redeem(token).isPresent(), "a second use");
        assertEquals(session.get().id(), signIns.session(session.get().id()).orElseThrow().id());
        assertNotEquals(session.get().id(), session.get().csrf());
    }

    @Test
    void aTokenPastItsValidityOpensNothing() {
        String token = signIns.newToken();
        clock.now = clock.now.plus(Duration.ofMinutes(2)).plusSeconds(1);
        assertFalse(signIns.redeem(token).isPresent());
    }

    @Test
    void unknownTokensAndCookiesOpenNothing() {
        signIns.newToken();
        assertFalse(signIns.redeem("made-up").isPresent());
        assertFalse(signIns.redeem(null).isPresent());
        assertFalse(signIns.session("made-up").isPresent());
        assertFalse(signIns.session(null).isPresent());
    }

    @Test
    void aSessionEndsWhenIdleTooLongOrSignedOut() {
        SignIns.Session session = signIns.redeem(signIns.newToken()).orElseThrow();
        clock.now = clock.now.plus(SignIns.IDLE_LIMIT).minusSeconds(1);
        assertTrue(signIns.session(session.id()).isPresent(), "used within the limit");
        clock.now = clock.now.plus(SignIns.IDLE_LIMIT).plusSeconds(1);
        assertFalse(signIns.session(session.id()).isPresent(), "idle past the limit");

        SignIns.Session other = signIns.redeem(signIns.newToken()).orElseThrow();
        signIns.end(other);
        assertFalse(signIns.session(other.id()).isPresent());
    }

    @Test
    void theCsrfTokenIsTheSessionsOwnAndNeverInToString() {
        SignIns.Session session = signIns.redeem(signIns.newToken()).orElseThrow();
        assertTrue(session.acceptsCsrf(session.csrf()));
        assertFalse(session.acceptsCsrf(session.csrf() + "x"));
        assertFalse(session.acceptsCsrf(null));
        assertFalse(session.toString().contains(session.csrf()));
        assertFalse(session.toString().contains(session.id()));
    }
}
