package io.authsome.common.home;

import org.osgi.framework.BundleContext;

/**
 * Whether this framework is the home's daemon: the launcher of {@code authsome daemon serve} sets
 * the framework property {@value #PROPERTY} to {@code true}. What runs only there (the shared
 * proxy, background refresh, the dashboard, the socket server) asks here.
 */
public final class DaemonRuntime {
    /** The framework property that marks the daemon's framework. */
    public static final String PROPERTY = "authsome.daemon";

    private DaemonRuntime() {
    }

    public static boolean isDaemon(BundleContext context) {
        return "true".equals(context.getProperty(PROPERTY));
    }
}
