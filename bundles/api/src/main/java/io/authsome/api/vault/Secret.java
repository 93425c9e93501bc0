package io.authsome.api.vault;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A secret value: an API key, a token, a client secret. {@link #toString()} never shows it;
 * only {@link #reveal()} does, and callers of {@code reveal} are where secrets leave the process
 * (an injected header, an export the user asked for). Immutable.
 */
public final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    /** Wraps a secret value; {@code value} must not be {@code null}. */
    public static Secret of(String value) {
        return new Secret(value);
    }

    /** The value itself. Never log it, never put it in an exception or in argv. */
    public String reveal() {
        return value;
    }

    /** Whether the value is the empty string. */
    public boolean isEmpty() {
        return value.isEmpty();
    }

    /** Constant-time comparison with another secret. */
    public boolean matches(Secret other) {
        return other != null && MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8),
                other.value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret other && matches(other);
    }

    @Override
    public int hashCode() {
        return value.length();
    }

    @Override
    public String toString() {
        return "Secret[redacted]";
    }
}
