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

    public Path config() {
        return root.resolve("config.json");
    }

    public Path providers() {
        return root.resolve("providers");
    }

    public Path dropins() {
        return root.resolve("dropins");
    }

    public Path profiles() {
        return root.resolve("profiles");
    }

    public Path history() {
        return root.resolve("history");
    }

    public Path auditLog() {
        return root.resolve("audit.log");
    }

    public Path logs() {
        return root.resolve("logs");
    }

    public Path ca() {
        return root.resolve("ca");
    }

    /** Private pages that send a browser on to a URL kept out of its command line (see {@code Browser}). */
    public Path browserPages() {
        return root.resolve("browser");
    }
}
