package io.authsome.ui.internal;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One-time sign-in tokens and the browser sessions they open. A token is good once, within its
 * validity; a session lasts while it is used (idle limit), and carries the CSRF token that every
 * form of its pages posts back. Thread-safe. Nothing here is ever written to disk or logged.
 */
final class SignIns {
    /** A signed-in browser: the cookie's value, and the token its forms must post. */
    record Session(String id, String csrf, Instant lastUsed) {
        /** Whether {@code posted} is this session's CSRF token (compared in constant time). */
        boolean acceptsCsrf(String posted) {
            return posted != null && MessageDigest.isEqual(csrf.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                    posted.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }

        @Override
        public String toString() {
            return "Session[last used " + lastUsed + "]";
        }
    }

    static final Duration IDLE_LIMIT = Duration.ofHours(12);

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> tokens = new ConcurrentHashMap<>();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Duration validity;
    private final Clock clock;

    SignIns(Duration validity, Clock clock) {
        this.validity = validity;
        this.clock = clock;
    }

    /** A new one-time token. */
    String newToken() {
        Instant now = clock.instant();
        tokens.values().removeIf(expiry -> expiry.isBefore(now));
        String token = randomText();
        tokens.put(token, now.plus(validity));
        return token;
    }

    /** Uses {@code token} up: a new session when it was issued here, unused and not expired. */
    Optional<Session> redeem(String token) {
        if (token == null) {
            return Optional.empty();
        }
        Instant expiry = tokens.remove(token);
        Instant now = clock.instant();
        if (expiry == null || expiry.isBefore(now)) {
            return Optional.empty();
        }
        Session session = new Session(randomText(), randomText(), now);
        sessions.put(session.id(), session);
        return Optional.of(session);
    }

    /** The session of cookie value {@code id}, when it exists and was used within the idle limit. */
    Optional<Session> session(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Session found = sessions.get(id);
        if (found == null || found.lastUsed().plus(IDLE_LIMIT).isBefore(now)) {
            sessions.remove(id);
            return Optional.empty();
        }
        Session used = new Session(found.id(), found.csrf(), now);
        sessions.put(id, used);
        return Optional.of(used);
    }

    void end(Session session) {
        sessions.remove(session.id());
    }

    private String randomText() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
