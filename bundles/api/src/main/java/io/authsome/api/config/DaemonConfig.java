package io.authsome.api.config;

import java.util.Objects;
import java.util.Optional;

/**
 * The {@code daemon} section: the long-lived runtime of the home.
 *
 * @param proxyPort   {@code daemon.proxy_port}: the port on 127.0.0.1 of the shared proxy that
 *                    long-running agents use with their agent credentials (default
 *                    {@value #DEFAULT_PROXY_PORT}; {@code 0}: no shared proxy); a value that is not a
 *                    whole number from 0 to 65535 keeps the shared proxy from starting
 * @param socketGroup {@code daemon.socket_group}: the name of the group whose members may reach the
 *                    daemon of a home that belongs to another user (the daemon's own system user):
 *                    the daemon gives that group the home to traverse, its socket, its pid file and
 *                    the agents' CA files, never a secret; empty when not set (no group: the home and
 *                    the socket are the owner's only); a value that is not a group name stops the daemon
 *                    from starting
 * @param uiPort      {@code daemon.ui_port}: the port on 127.0.0.1 of the dashboard ({@code authsome
 *                    ui}; default {@value #DEFAULT_UI_PORT}; {@code 0}: no dashboard); a value that is
 *                    not a whole number from 0 to 65535 keeps the dashboard from starting
 * @since 1.1
 */
public record DaemonConfig(Setting<Integer> proxyPort, Setting<Optional<String>> socketGroup,
                           Setting<Integer> uiPort) {
    /**
     * The port of the shared proxy when {@code daemon.proxy_port} is not set: next to the login
     * callback's 7998 ({@link CallbackConfig#DEFAULT_PORT}), which a running proxy must leave free.
     */
    public static final int DEFAULT_PROXY_PORT = 7999;

    /**
     * The port of the dashboard when {@code daemon.ui_port} is not set: below the login callback's
     * 7998 and the shared proxy's 7999.
     *
     * @since 1.2
     */
    public static final int DEFAULT_UI_PORT = 7997;

    /** The defaults. */
    public static final DaemonConfig DEFAULTS = new DaemonConfig(Setting.of(DEFAULT_PROXY_PORT));

    public DaemonConfig {
        Objects.requireNonNull(proxyPort, "proxyPort");
        Objects.requireNonNull(socketGroup, "socketGroup");
        Objects.requireNonNull(uiPort, "uiPort");
    }

    /**
     * The settings with the default {@code daemon.ui_port}, as before it existed.
     *
     * @param proxyPort   {@code daemon.proxy_port}
     * @param socketGroup {@code daemon.socket_group}
     * @since 1.1
     */
    public DaemonConfig(Setting<Integer> proxyPort, Setting<Optional<String>> socketGroup) {
        this(proxyPort, socketGroup, Setting.of(DEFAULT_UI_PORT));
    }

    /**
     * The settings with no {@code daemon.socket_group}, as before it existed.
     *
     * @param proxyPort {@code daemon.proxy_port}
     * @since 1.1
     */
    public DaemonConfig(Setting<Integer> proxyPort) {
        this(proxyPort, Setting.of(Optional.empty()));
    }
}
