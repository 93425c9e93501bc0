package io.authsome.api.health;

import java.util.Objects;

/**
 * One line of {@code authsome doctor}.
 *
 * @param status  how bad it is
 * @param check   short name of what was checked, e.g. {@code home}
 * @param message what was found
 * @param fix     the command or action that fixes it; {@code null} for {@link Status#OK}
 */
public record Finding(Status status, String check, String message, String fix) {
    public Finding {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(message, "message");
    }

    /** A check that found nothing wrong. */
    public static Finding ok(String check, String message) {
        return new Finding(Status.OK, check, message, null);
    }

    /** Something that works but should be fixed; {@code fix} says how. */
    public static Finding warn(String check, String message, String fix) {
        return new Finding(Status.WARN, check, message, fix);
    }

    /** Something broken; {@code fix} says how to repair it. Doctor exits non-zero. */
    public static Finding fail(String check, String message, String fix) {
        return new Finding(Status.FAIL, check, message, fix);
    }
}
