package io.authsome.api;

/**
 * The failure classes a command can end with, each with the process exit code of the
 * command-line contract. The enum name is the {@code error} field of {@code --json} errors.
 */
public enum ErrorCode {
    UNEXPECTED(1),
    AUTHENTICATION_FAILED(2),
    CONNECTION_NOT_FOUND(3),
    PROVIDER_NOT_FOUND(4),
    NOT_ALLOWED(4),
    CREDENTIAL_UNAVAILABLE(5),
    CONNECTION_EXISTS(6),
    PROVIDER_EXISTS(7),
    ENDPOINT_UNREACHABLE(8),
    RUNTIME_UNAVAILABLE(9),
    USAGE(64),
    INVALID_INPUT(65);

    private final int exitCode;

    ErrorCode(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
