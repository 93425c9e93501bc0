package io.authsome.api.config;

import io.authsome.api.vault.Vault;
import java.util.Objects;

/**
 * All settings of {@code config.json}, one record per section; a setting not in the file has its
 * default.
 *
 * @param profile  {@code profile}: the active profile ({@value Vault#DEFAULT_PROFILE} when unset)
 * @param callback {@code callback.*}: the loopback redirect of browser logins
 * @param refresh  {@code refresh.*}: when OAuth tokens are renewed
 * @param http     {@code http.*}: timeouts of the calls to providers' OAuth endpoints
 * @param audit    {@code audit.*}: rotation of {@code audit.log}
 * @param proxy    {@code proxy.*}: the proxy of {@code run}
 * @param daemon   {@code daemon.*}: the long-lived runtime (since 1.1)
 * @param store    {@code store.*}: where the vault's records live (since 1.3)
 * @since 1.0
 */
public record Config(String profile, CallbackConfig callback, RefreshConfig refresh, HttpConfig http,
                     AuditConfig audit, ProxyConfig proxy, DaemonConfig daemon, StoreConfig store) {
    /** The settings of a home without {@code config.json}: every default. */
    public static final Config DEFAULTS = new Config(Vault.DEFAULT_PROFILE, CallbackConfig.DEFAULTS, RefreshConfig.DEFAULTS,
            HttpConfig.DEFAULTS, AuditConfig.DEFAULTS, ProxyConfig.DEFAULTS, DaemonConfig.DEFAULTS, StoreConfig.DEFAULTS);

    public Config {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(callback, "callback");
        Objects.requireNonNull(refresh, "refresh");
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(proxy, "proxy");
        Objects.requireNonNull(daemon, "daemon");
        Objects.requireNonNull(store, "store");
    }

    /**
     * The settings with the defaults of the {@code store} section, as before it existed.
     *
     * @since 1.3
     */
    public Config(String profile, CallbackConfig callback, RefreshConfig refresh, HttpConfig http, AuditConfig audit,
                  ProxyConfig proxy, DaemonConfig daemon) {
        this(profile, callback, refresh, http, audit, proxy, daemon, StoreConfig.DEFAULTS);
    }

    /**
     * The settings with the defaults of the {@code daemon} section, as before it existed.
     *
     * @since 1.1
     */
    public Config(String profile, CallbackConfig callback, RefreshConfig refresh, HttpConfig http, AuditConfig audit,
                  ProxyConfig proxy) {
        this(profile, callback, refresh, http, audit, proxy, DaemonConfig.DEFAULTS, StoreConfig.DEFAULTS);
    }
}
