package io.authsome.api;

import java.util.Objects;

/**
 * A failure that the user can act on: its {@link ErrorCode}, a message that names what failed,
 * and the one command that fixes it when there is one.
 * <p>
 * The message and next step are shown to the user and written to logs: they must never contain
 * a secret value.
 */
public class AuthsomeException extends Exception {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final String nextStep;

    public AuthsomeException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public AuthsomeException(ErrorCode code, String message, String nextStep) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
        this.nextStep = nextStep;
    }

    public ErrorCode code() {
        return code;
    }

    /** The command or action that resolves this failure, or {@code null} when there is none. */
    public String nextStep() {
        return nextStep;
    }
}
