package io.authsome.api.config;

import java.util.Objects;

/**
 * The {@code callback} section: where the browser logins ({@code pkce}, {@code dcr_pkce}) listen
 * for the redirect.
 *
 * @param port {@code callback.port}: the port of {@code http://127.0.0.1:<port>/auth/callback/oauth}
 *             (default {@value #DEFAULT_PORT}); a value that is not a whole number from 1 to 65535
 *             stops the login that would listen on it
 * @since 1.0
 */
public record CallbackConfig(Setting<Integer> port) {
    /** The port when {@code callback.port} is not set. */
    public static final int DEFAULT_PORT = 7998;

    /** The defaults. */
    public static final CallbackConfig DEFAULTS = new CallbackConfig(Setting.of(DEFAULT_PORT));

    public CallbackConfig {
        Objects.requireNonNull(port, "port");
    }
}
