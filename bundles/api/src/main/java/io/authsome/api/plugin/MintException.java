package io.authsome.api.plugin;

/**
 * A mint that failed. {@link #rejected()} tells the runtime what becomes of the connection: a
 * rejected key needs a new login, anything else (a timeout, a 5xx) is tried again on next use.
 * The message names the endpoint and the error, never a secret.
 */
public class MintException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean rejected;
    private final String error;

    /**
     * @param rejected whether the server refused the key material itself (a 401, {@code invalid_grant})
     * @param error    a short code for the audit log, such as {@code invalid_grant} or {@code timeout}
     * @param message  what went wrong, for the person
     */
    public MintException(boolean rejected, String error, String message) {
        super(message);
        this.rejected = rejected;
        this.error = error;
    }

    /** Whether the server refused the key material, so that only a new login helps. */
    public boolean rejected() {
        return rejected;
    }

    /** A short code for the audit log. */
    public String error() {
        return error;
    }
}
