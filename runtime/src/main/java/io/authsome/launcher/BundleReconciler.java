package io.authsome.launcher;

import io.authsome.common.trust.DropinLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;

/**
 * Brings a reused bundle cache in line with the distribution before the framework starts:
 * installs the distribution's bundles that are missing, and uninstalls drop-in bundles whose jar
 * is gone or that another home's drop-in folder installed. (A cache made for other distribution
 * jars is not patched but rebuilt; see {@link BundleCache#replaceStamp}.) Bundles are installed
 * by reference, so the cache holds no copies of the jars.
 */
final class BundleReconciler {
    private static final String REFERENCE = "reference:";

    private final BundleContext context;
    private final Path dropins;

    /**
     * @param dropins the current home's drop-in folder, whose bundles FileInstall manages
     */
    BundleReconciler(BundleContext context, Path dropins) {
        this.context = context;
        this.dropins = dropins;
    }

    /** @return whether any installed bundle was uninstalled (the wiring needs a refresh) */
    boolean reconcile(List<Path> jars) throws BundleException, IOException {
        Map<String, Path> wanted = new HashMap<>();
        for (Path jar : jars) {
            wanted.put(REFERENCE + jar.toUri(), jar);
        }
        boolean changed = false;
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getBundleId() == 0) {
                continue;
            }
            String location = bundle.getLocation();
            if (wanted.remove(location) == null && !isPresentDropin(location)) {
                bundle.uninstall();
                changed = true;
            }
        }
        List<Bundle> installed = new ArrayList<>();
        for (String location : wanted.keySet()) {
            installed.add(context.installBundle(location));
        }
        for (Bundle bundle : installed) {
            if (bundle.getHeaders("").get(Constants.FRAGMENT_HOST) == null) {
                bundle.start();
            }
        }
        return changed;
    }

    /**
     * Whether the bundle came from the current drop-in folder and its file is still there.
     * FileInstall only notices deletions while it runs, so a jar deleted between two runs is
     * uninstalled here.
     */
    private boolean isPresentDropin(String location) {
        return DropinLocation.of(location, dropins).filter(Files::exists).isPresent();
    }
}
