package io.authsome.common.health;

import org.osgi.framework.Bundle;

/** Bundle states as words: {@code bundles}, {@code doctor} and the dashboard show them. */
public final class BundleStates {
    private BundleStates() {
    }

    public static String of(Bundle bundle) {
        return switch (bundle.getState()) {
            case Bundle.ACTIVE -> "active";
            case Bundle.RESOLVED -> "resolved";
            case Bundle.INSTALLED -> "installed";
            case Bundle.STARTING -> "starting";
            case Bundle.STOPPING -> "stopping";
            default -> "uninstalled";
        };
    }

    /** Whether the bundle is where it should be: active, or resolved for a fragment. */
    public static boolean healthy(Bundle bundle) {
        boolean fragment = bundle.getHeaders("").get("Fragment-Host") != null;
        return bundle.getState() == Bundle.ACTIVE || (fragment && bundle.getState() == Bundle.RESOLVED);
    }
}
