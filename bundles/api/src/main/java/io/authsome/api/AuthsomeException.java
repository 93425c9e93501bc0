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

    /** A failure without a next step. */
    public AuthsomeException(ErrorCode code, String message) {
        this(code, message, null);
    }

    /**
     * A failure with the command or action that resolves it.
     *
     * @param code     the failure class, which gives the exit code
     * @param message  what failed, shown to the user (never a secret)
     * @param nextStep the one command or action that fixes it, or {@code null}
     */
    public AuthsomeException(ErrorCode code, String message, String nextStep) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
        this.nextStep = nextStep;
    }

    /** The failure class, which gives the exit code. */
    public ErrorCode code() {
        return code;
    }

    /** The command or action that resolves this failure, or {@code null} when there is none. */
    public String nextStep() {
        return nextStep;
    }
}
