package io.authsome.api.vault;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A secret value: an API key, a token, a client secret. {@link #toString()} never shows it;
 * only {@link #reveal()} does, and callers of {@code reveal} are where secrets leave the process
 * (an injected header, an export the user asked for). Immutable.
 *
 * @param reveal the value itself, read with {@link #reveal()}: never log it, never put it in an
 *               exception or in argv
 */
public record Secret(String reveal) {
    /** A secret of the value {@code reveal}, never {@code null} (since 2.0, when Secret became a record). */
    public Secret {
        Objects.requireNonNull(reveal, "value");
    }

    /** The secret {@code value}. */
    public static Secret of(String value) {
        return new Secret(value);
    }

    /** Whether the value is the empty string. */
    public boolean isEmpty() {
        return reveal.isEmpty();
    }

    /** Constant-time comparison with another secret. */
    public boolean matches(Secret other) {
        return other != null && MessageDigest.isEqual(reveal.getBytes(StandardCharsets.UTF_8),
                other.reveal.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret other && matches(other);
    }

    @Override
    public int hashCode() {
        return reveal.length();
    }

    @Override
    public String toString() {
        return "Secret[redacted]";
    }
}
