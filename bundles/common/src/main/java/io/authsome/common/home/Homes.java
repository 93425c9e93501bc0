package io.authsome.common.home;

import io.authsome.api.home.HomeLayout;
import java.nio.file.Path;
import org.osgi.framework.BundleContext;

/**
 * The home directory of this framework: the one place that reads the framework property
 * {@value HomeLayout#PROPERTY}, which the launcher sets. A component that keeps files in the home
 * calls {@link #layout(BundleContext)} when it is activated.
 */
public final class Homes {
    private Homes() {
    }

    /**
     * The layout of the home named by {@value HomeLayout#PROPERTY}.
     *
     * @throws IllegalStateException when the launcher did not set the property
     */
    public static HomeLayout layout(BundleContext context) {
        return of(context.getProperty(HomeLayout.PROPERTY));
    }

    /** The layout for a value of {@value HomeLayout#PROPERTY}. */
    static HomeLayout of(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("framework property " + HomeLayout.PROPERTY + " is not set");
        }
        return new HomeLayout(Path.of(value));
    }
}
