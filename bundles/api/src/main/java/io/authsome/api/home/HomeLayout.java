package io.authsome.api.home;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where each kind of file lives under the authsome home directory ({@code AUTHSOME_HOME}).
 * The launcher resolves the root once and publishes it as the framework property
 * {@value #PROPERTY}; bundles build their layout from that property.
 *
 * @param root the home directory
 */
public record HomeLayout(Path root) {
    /** Framework property holding the absolute path of the home directory. */
    public static final String PROPERTY = "authsome.home";

    public HomeLayout {
        Objects.requireNonNull(root, "root");
    }

    /** The settings file, {@code config.json}. */
    public Path config() {
        return root.resolve("config.json");
    }

    /** The custom provider definitions ({@code authsome register}). */
    public Path providers() {
        return root.resolve("providers");
    }

    /** The drop-in folder: provider bundles and definitions copied in are live within seconds. */
    public Path dropins() {
        return root.resolve("dropins");
    }

    /** The vault: one folder per profile with its encrypted connections and index. */
    public Path profiles() {
        return root.resolve("profiles");
    }

    /** The interactive console's command history (mode 0600). */
    public Path history() {
        return root.resolve("history");
    }

    /** The audit trail, one JSON line per audited action. */
    public Path auditLog() {
        return root.resolve("audit.log");
    }

    /** Diagnostic logs of the runtime. */
    public Path logs() {
        return root.resolve("logs");
    }

    /** The certificate authority of {@code authsome run}'s proxy (its key and certificate). */
    public Path ca() {
        return root.resolve("ca");
    }

    /**
     * Private pages that send a browser on to a URL kept out of its command line (see {@code Browser}).
     *
     * @since 1.2
     */
    public Path browserPages() {
        return root.resolve("browser");
    }

    /**
     * The daemon's runtime files (mode 0700): its socket and pid file.
     *
     * @since 3.1
     */
    public Path runtime() {
        return root.resolve("run");
    }

    /**
     * The Unix domain socket the daemon of this home listens on.
     *
     * @since 3.1
     */
    public Path daemonSocket() {
        return runtime().resolve("authsome.sock");
    }

    /**
     * The daemon's process id, written while it serves.
     *
     * @since 3.1
     */
    public Path daemonPid() {
        return runtime().resolve("daemon.pid");
    }

    /**
     * The daemon's log: what it did and why it stopped.
     *
     * @since 3.1
     */
    public Path daemonLog() {
        return logs().resolve("daemon.log");
    }
}
