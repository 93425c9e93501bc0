package io.authsome.api.config;

/**
 * The {@code refresh} section: when an OAuth access token is renewed before it expires.
 *
 * @param leadSeconds {@code refresh.lead_seconds}: renew this many seconds before expiry, or at
 *                    half the token's lifetime if that is sooner (default {@value #DEFAULT_LEAD_SECONDS})
 * @since 1.0
 */
public record RefreshConfig(long leadSeconds) {
    /** The lead time when {@code refresh.lead_seconds} is not set. */
    public static final long DEFAULT_LEAD_SECONDS = 300;

    /** The defaults. */
    public static final RefreshConfig DEFAULTS = new RefreshConfig(DEFAULT_LEAD_SECONDS);
}
