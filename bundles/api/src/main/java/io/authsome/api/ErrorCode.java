package io.authsome.api;

/**
 * The failure classes a command can end with, each with the process exit code of the
 * command-line contract. The enum name is the {@code error} field of {@code --json} errors.
 */
public enum ErrorCode {
    /** A fault of authsome itself, or a failure nothing else describes (exit 1). */
    UNEXPECTED(1),
    /** The vault did not unlock (a wrong passphrase), or the person cancelled the input (exit 2). */
    AUTHENTICATION_FAILED(2),
    /** No connection of that name for the provider in the profile (exit 3). */
    CONNECTION_NOT_FOUND(3),
    /** No provider of that name is known (exit 4). */
    PROVIDER_NOT_FOUND(4),
    /**
     * The operation is refused, e.g. a profile that exists or is active, a provider that is not
     * custom, a command that reveals a secret inside {@code authsome run} (exit 4).
     */
    NOT_ALLOWED(4),
    /** The credential is missing, expired, damaged, or could not be refreshed (exit 5). */
    CREDENTIAL_UNAVAILABLE(5),
    /** A connection of that name exists and replacing it was not asked for (exit 6). */
    CONNECTION_EXISTS(6),
    /** A provider of that name is registered already (exit 7). */
    PROVIDER_EXISTS(7),
    /** A provider endpoint could not be reached or gave no usable answer (exit 8). */
    ENDPOINT_UNREACHABLE(8),
    /**
     * A service the command needs is not there, e.g. a login flow or a command whose bundle is
     * missing (exit 9).
     */
    RUNTIME_UNAVAILABLE(9),
    /** The command line is wrong: an unknown option, a missing argument (exit 64). */
    USAGE(64),
    /** Input data is invalid: a provider definition, an import file, a setting (exit 65). */
    INVALID_INPUT(65);

    private final int exitCode;

    ErrorCode(int exitCode) {
        this.exitCode = exitCode;
    }

    /** The process exit code of this failure class. */
    public int exitCode() {
        return exitCode;
    }
}
