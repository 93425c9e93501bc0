package io.authsome.api.config;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import java.util.Objects;

/**
 * A setting whose wrong value stops the command that uses it, instead of falling back to the
 * default as other settings do: listening on another port than the one set would break a
 * registered redirect URI. Reading the file never fails; the command that needs the value calls
 * {@link #require()}.
 *
 * @param <T>     the type of the value
 * @param value   the value set or the default; {@code null} when the value set is unusable
 * @param problem what is wrong with the value set, naming the setting and the file; {@code null}
 *                when it is usable
 * @param fix     what to do about the problem; {@code null} when it is usable
 * @since 1.0
 */
public record Setting<T>(T value, String problem, String fix) {
    public Setting {
        if ((value == null) == (problem == null)) {
            throw new IllegalArgumentException("a setting has either a value or a problem");
        }
    }

    /** A usable value. */
    public static <T> Setting<T> of(T value) {
        return new Setting<>(Objects.requireNonNull(value, "value"), null, null);
    }

    /** A value that is set but unusable. */
    public static <T> Setting<T> invalid(String problem, String fix) {
        return new Setting<>(null, Objects.requireNonNull(problem, "problem"), fix);
    }

    /**
     * The value, for the command that uses it.
     *
     * @throws AuthsomeException {@code INVALID_INPUT} with the problem and its fix, when the value
     *                           set is unusable
     */
    public T require() throws AuthsomeException {
        if (problem != null) {
            throw new AuthsomeException(ErrorCode.INVALID_INPUT, problem, fix);
        }
        return value;
    }
}
