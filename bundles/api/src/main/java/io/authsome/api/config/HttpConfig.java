package io.authsome.api.config;

/**
 * The {@code http} section: timeouts of the requests to providers' OAuth endpoints.
 *
 * @param timeoutSeconds        {@code http.timeout_seconds}: how long a request to a token,
 *                              device-authorization or revocation endpoint may take (default
 *                              {@value #DEFAULT_TIMEOUT_SECONDS})
 * @param connectTimeoutSeconds {@code http.connect_timeout_seconds}: how long opening a connection
 *                              may take (default {@value #DEFAULT_CONNECT_TIMEOUT_SECONDS})
 * @since 1.0
 */
public record HttpConfig(long timeoutSeconds, long connectTimeoutSeconds) {
    /** The request timeout when {@code http.timeout_seconds} is not set. */
    public static final long DEFAULT_TIMEOUT_SECONDS = 30;
    /** The connect timeout when {@code http.connect_timeout_seconds} is not set. */
    public static final long DEFAULT_CONNECT_TIMEOUT_SECONDS = 10;

    /** The defaults. */
    public static final HttpConfig DEFAULTS = new HttpConfig(DEFAULT_TIMEOUT_SECONDS, DEFAULT_CONNECT_TIMEOUT_SECONDS);
}
