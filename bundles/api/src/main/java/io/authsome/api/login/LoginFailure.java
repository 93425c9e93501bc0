package io.authsome.api.login;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import java.util.Locale;

/**
 * A login that failed for a named {@link Reason}: the {@code reason} of its {@code login} audit
 * event, so that the audit log tells a missing client from a rejected one, a timeout or a denial.
 *
 * @since 1.1
 */
public class LoginFailure extends AuthsomeException {
    private static final long serialVersionUID = 1L;

    /** Why a login failed. */
    public enum Reason {
        /** No OAuth client was stored and none was given. */
        NO_CLIENT,
        /** No API key was given. */
        NO_KEY,
        /** The provider rejected the OAuth client ({@code invalid_client}, {@code unauthorized_client}). */
        CLIENT_REJECTED,
        /** Nobody completed the login in the browser, or approved the device code, in time. */
        TIMED_OUT,
        /** The person or the provider said no ({@code access_denied}). */
        ACCESS_DENIED,
        /** The provider refused the login for another reason it named. */
        PROVIDER_REFUSED,
        /** A provider endpoint could not be reached, timed out, or gave no usable answer. */
        ENDPOINT_UNREACHABLE,
        /** The login was interrupted. */
        INTERRUPTED;

        /** The word written to the audit log: {@code no_client}, {@code timed_out}, ... */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Reason reason;

    /**
     * A failed login.
     *
     * @param reason   why it failed, written to the audit log
     * @param code     the failure class, which gives the exit code
     * @param message  what failed (never a secret)
     * @param nextStep the command or action that fixes it, or {@code null}
     */
    public LoginFailure(Reason reason, ErrorCode code, String message, String nextStep) {
        super(code, message, nextStep);
        this.reason = reason;
    }

    /** Why the login failed. */
    public Reason reason() {
        return reason;
    }
}
