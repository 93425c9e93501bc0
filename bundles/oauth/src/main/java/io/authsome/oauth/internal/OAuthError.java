package io.authsome.oauth.internal;

/**
 * A failed call to an OAuth endpoint, classified. The message names the endpoint and the
 * provider's error, never a token or a secret.
 */
final class OAuthError extends Exception {
    private static final long serialVersionUID = 1L;

    /** The classes of failure that decide what happens to a connection. */
    enum Kind {
        /** The grant or credential was rejected ({@code invalid_grant}): a new login is needed. */
        REJECTED_GRANT,
        /** The client was rejected ({@code invalid_client}, {@code unauthorized_client}). */
        REJECTED_CLIENT,
        /** The user said no ({@code access_denied}) or the device code expired. */
        DENIED,
        /** Anything that may work next time: timeouts, connection errors, 5xx, garbage bodies. */
        TRANSIENT,
        /** Another OAuth error the server named. */
        OTHER
    }

    private final Kind kind;
    private final String error;

    OAuthError(Kind kind, String error, String message) {
        super(message);
        this.kind = kind;
        this.error = error;
    }

    Kind kind() {
        return kind;
    }

    /** The OAuth {@code error} code, or a word of ours ({@code timeout}, {@code unreachable}, ...). */
    String error() {
        return error;
    }

    static Kind classify(String error) {
        return switch (error) {
            case "invalid_grant" -> Kind.REJECTED_GRANT;
            case "invalid_client", "unauthorized_client" -> Kind.REJECTED_CLIENT;
            case "access_denied", "expired_token" -> Kind.DENIED;
            case "temporarily_unavailable", "server_error" -> Kind.TRANSIENT;
            default -> Kind.OTHER;
        };
    }
}
