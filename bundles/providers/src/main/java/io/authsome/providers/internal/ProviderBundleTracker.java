package io.authsome.providers.internal;

import io.authsome.api.provider.InvalidProviderException;
import io.authsome.api.provider.Provider;
import io.authsome.api.provider.ProviderDefinition;
import io.authsome.api.provider.ProviderProblem;
import io.authsome.api.provider.ProviderSource;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.util.tracker.BundleTracker;

/**
 * The extender half that reads bundles: every active bundle with an {@value #HEADER} header
 * (a comma-separated list of JSON entries) that is wired to this extender gets its definitions
 * published while it stays active.
 */
final class ProviderBundleTracker extends BundleTracker<String> {
    /** Manifest header listing the provider JSON entries of a provider bundle. */
    static final String HEADER = "Authsome-Provider";
    static final String EXTENDER_NAME = "io.authsome.providers";
    static final String EXTENDER_NAMESPACE = "osgi.extender";

    private final ProviderRegistry registry;
    private final ProviderParser parser;
    private final Path dropins;
    private final Bundle extender;

    ProviderBundleTracker(BundleContext context, ProviderRegistry registry, ProviderParser parser,
                          Path dropins) {
        super(context, Bundle.ACTIVE, null);
        this.registry = registry;
        this.parser = parser;
        this.dropins = dropins;
        this.extender = context.getBundle();
    }

    @Override
    public String addingBundle(Bundle bundle, BundleEvent event) {
        String header = bundle.getHeaders("").get(HEADER);
        if (header == null) {
            return null;
        }
        String origin = bundle.getSymbolicName();
        if (!wiredToUs(bundle)) {
            registry.publish(origin, List.of(), List.of(new ProviderProblem(origin, null,
                    "bundle is not wired to the provider extender: add Require-Capability: osgi.extender;"
                            + "filter:=\"(osgi.extender=" + EXTENDER_NAME + ")\"")), context);
            return origin;
        }
        ProviderSource source = isIn(bundle.getLocation(), dropins) ? ProviderSource.DROP_IN : ProviderSource.BUNDLED;
        List<Provider> providers = new ArrayList<>();
        List<ProviderProblem> problems = new ArrayList<>();
        for (String entry : header.split(",")) {
            String path = entry.trim();
            String entryOrigin = origin + "/" + path;
            try {
                ProviderDefinition definition = parser.parse(read(bundle, path), entryOrigin);
                providers.add(new Provider(definition, source, origin));
            } catch (InvalidProviderException e) {
                problems.addAll(e.problems());
            } catch (IOException e) {
                problems.add(new ProviderProblem(entryOrigin, null, "cannot be read: " + e.getMessage()));
            }
        }
        registry.publish(origin, providers, problems, bundle.getBundleContext());
        return origin;
    }

    @Override
    public void removedBundle(Bundle bundle, BundleEvent event, String origin) {
        registry.withdraw(origin);
    }

    /** Whether a bundle location ({@code file:} URI, maybe behind {@code reference:}) is a file in {@code dir}. */
    static boolean isIn(String location, Path dir) {
        String uri = location.startsWith("reference:") ? location.substring("reference:".length()) : location;
        try {
            return uri.startsWith("file:") && Path.of(URI.create(uri)).startsWith(dir);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private boolean wiredToUs(Bundle bundle) {
        BundleWiring wiring = bundle.adapt(BundleWiring.class);
        if (wiring == null) {
            return false;
        }
        for (BundleWire wire : wiring.getRequiredWires(ProviderBundleTracker.EXTENDER_NAMESPACE)) {
            if (wire.getProvider().getBundle().equals(extender)) {
                return true;
            }
        }
        return false;
    }

    private static byte[] read(Bundle bundle, String path) throws IOException {
        URL url = bundle.getEntry(path);
        if (url == null) {
            throw new IOException("entry " + path + " named in " + HEADER + " is not in the bundle");
        }
        try (InputStream in = url.openStream()) {
            return in.readAllBytes();
        }
    }
}
