package io.authsome.providers.internal;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.config.Configuration;
import io.authsome.api.home.HomeLayout;
import io.authsome.api.provider.InvalidProviderException;
import io.authsome.api.provider.Provider;
import io.authsome.api.provider.ProviderCatalog;
import io.authsome.api.provider.ProviderDefinition;
import io.authsome.api.provider.ProviderProblem;
import io.authsome.api.provider.ProviderSource;
import io.authsome.api.store.SharedProviders;
import io.authsome.api.store.StoreBackend;
import io.authsome.common.files.PrivateFiles;
import io.authsome.common.home.Homes;
import io.authsome.common.store.StoreBackends;
import io.authsome.common.text.NextStep;
import io.authsome.common.text.Suggestions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The provider extender: reads provider bundles and the provider folders of the home directory,
 * publishes each valid definition as a {@link Provider} service, and serves the merged view as
 * the {@link ProviderCatalog}. Immediate, because an extender must watch from the start. A
 * provider whose plugin is not running ({@link RunningPlugins}) stays in the catalog, and is one
 * of its problems while the plugin is missing.
 */
@Component(immediate = true, service = ProviderCatalog.class)
@Capability(namespace = ProviderBundleTracker.EXTENDER_NAMESPACE, name = ProviderBundleTracker.EXTENDER_NAME,
        version = "1.0.0")
public final class ProviderCatalogComponent implements ProviderCatalog {
    /** How often at most the custom providers of a shared store are read again. */
    static final long SHARED_SYNC_MILLIS = 5000;
    /** How old the last read may be when a name is not found, before it is read again. */
    static final long MISSED_SYNC_MILLIS = 250;
    private static final Logger LOG = Logger.getLogger(ProviderCatalogComponent.class.getName());

    private final ProviderRegistry registry = new ProviderRegistry();
    private final ProviderParser parser = new ProviderParser();
    private final StoreBackends backends = new StoreBackends();
    private HomeLayout home;
    private ProviderBundleTracker bundles;
    private ProviderFileWatcher files;
    private SharedProviderMirror mirror;
    /** When the shared providers were last read, or the home found on the file store (nanoTime; 0: never). */
    private volatile long syncedAt;
    /** When they were last tried, read or not: a store that cannot be read is tried at most every {@value #MISSED_SYNC_MILLIS} ms. */
    private volatile long triedAt;

    @Reference
    private RunningPlugins plugins;

    /** The home's settings, for {@code store.backend}; absent without the store bundle (no sharing then). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Configuration configuration;

    /** Store backends, for the custom providers of a shared store. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addBackend(StoreBackend backend, Map<String, Object> properties) {
        backends.add(backend, properties);
    }

    void removeBackend(StoreBackend backend, Map<String, Object> properties) {
        backends.remove(backend, properties);
    }

    @Activate
    void activate(BundleContext context) {
        home = Homes.layout(context);
        bundles = new ProviderBundleTracker(context, registry, parser, home.dropins());
        bundles.open();
        files = new ProviderFileWatcher(Map.of(home.providers(), ProviderSource.CUSTOM,
                home.dropins(), ProviderSource.DROP_IN), registry, parser, context);
        files.start();
        mirror = new SharedProviderMirror(home.providers(), home.root().resolve("shared-providers.json"));
    }

    @Deactivate
    void deactivate() {
        files.close();
        bundles.close();
        registry.withdrawAll();
    }

    @Override
    public List<Provider> providers() {
        syncShared();
        files.scanIfStale();
        return registry.effective();
    }

    @Override
    public Optional<Provider> find(String name) {
        syncShared();
        files.scanIfStale();
        Provider found = registry.byName(name);
        if (found == null && syncShared(MISSED_SYNC_MILLIS)) {
            found = registry.byName(name); // registered in another home of the shared store just now
        }
        return Optional.ofNullable(found);
    }

    @Override
    public List<ProviderProblem> problems() {
        syncShared();
        files.scanIfStale();
        List<ProviderProblem> problems = new ArrayList<>(registry.problems());
        for (Provider provider : registry.effective()) {
            if (plugins.missing(provider)) {
                problems.add(RunningPlugins.problem(provider));
            }
        }
        return List.copyOf(problems);
    }

    @Override
    public List<String> closestNames(String name, int max) {
        return Suggestions.closest(name, providers().stream().map(Provider::name).toList(), max);
    }

    @Override
    public ProviderDefinition validate(byte[] json, String origin) throws InvalidProviderException {
        return parser.parse(json, origin);
    }

    @Override
    public Provider register(byte[] json, String origin, boolean force) throws AuthsomeException {
        ProviderDefinition definition = parser.parse(json, origin);
        String name = definition.name();
        if (!force) {
            Optional<Provider> existing = find(name);
            if (existing.isPresent()) {
                throw new AuthsomeException(ErrorCode.PROVIDER_EXISTS, "provider '" + name + "' is already registered ("
                        + existing.get().source().id() + ", " + existing.get().origin() + ")",
                        "to ask for more scopes: " + NextStep.missingScopes(name, List.of("a", "b")) + ";"
                                + " to replace the definition: authsome register " + origin + " --force");
            }
            Optional<DuplicateCheck.Duplicate> duplicate = DuplicateCheck.find(definition, providers());
            if (duplicate.isPresent()) {
                String other = duplicate.get().provider();
                throw new AuthsomeException(ErrorCode.PROVIDER_EXISTS, "'" + name + "' duplicates provider '" + other
                        + "' (same " + duplicate.get().what() + ")",
                        "to ask for more scopes: " + NextStep.missingScopes(other, List.of("a", "b"))
                                + " (or register anyway with --force)");
            }
        }
        Path target = home.providers().resolve(name + ".json");
        Optional<SharedProviders> shared = shared();
        if (shared.isPresent()) {
            shared.get().put(name, json); // first: a store that cannot be reached leaves everything as it was
        }
        try {
            PrivateFiles.writeAtomically(target, json);
            if (shared.isPresent()) {
                mirror.shared(name);
            }
        } catch (IOException e) {
            throw new AuthsomeException(ErrorCode.UNEXPECTED, "cannot write " + target + ": " + e.getMessage(),
                    "authsome doctor");
        }
        files.scan();
        return find(name).orElseThrow(() -> new AuthsomeException(ErrorCode.UNEXPECTED,
                "provider '" + name + "' was written to " + target + " but did not load", "authsome doctor"));
    }

    @Override
    public Provider remove(String name) throws AuthsomeException {
        Provider provider = find(name).orElseThrow(() -> new AuthsomeException(ErrorCode.PROVIDER_NOT_FOUND,
                "unknown provider '" + name + "'", "authsome list"));
        if (provider.source() != ProviderSource.CUSTOM) {
            String how = provider.source() == ProviderSource.DROP_IN
                    ? "delete " + provider.origin() + " to remove it"
                    : "bundled providers stay; register a custom definition with --force to replace it";
            throw new AuthsomeException(ErrorCode.NOT_ALLOWED, "provider '" + name + "' is "
                    + provider.source().id() + ", not custom", how);
        }
        Optional<SharedProviders> shared = shared();
        if (shared.isPresent()) {
            shared.get().remove(name);
        }
        try {
            Files.deleteIfExists(Path.of(provider.origin()));
            mirror.unshared(name);
        } catch (IOException e) {
            throw new AuthsomeException(ErrorCode.UNEXPECTED, "cannot delete " + provider.origin() + ": "
                    + e.getMessage(), "authsome doctor");
        }
        files.scan();
        return provider;
    }

    /** The custom providers of the home's shared store; none for the file store. */
    private Optional<SharedProviders> shared() {
        Configuration settings = configuration;
        return settings == null ? Optional.empty()
                : backends.named(settings.current().store().backend().value()).flatMap(StoreBackend::sharedProviders);
    }

    private void syncShared() {
        syncShared(SHARED_SYNC_MILLIS);
    }

    /**
     * Copies the shared store's custom providers into {@code providers/} unless they were read
     * less than {@code maxAgeMillis} ago. A store that cannot be read now (it cannot be reached,
     * or this home is not a member yet) leaves the copies as they are, and is tried again at most
     * every {@value #MISSED_SYNC_MILLIS} ms: the commands that use the store say why.
     *
     * @return whether a copy was written or deleted
     */
    private boolean syncShared(long maxAgeMillis) {
        if (!syncDue(System.nanoTime(), maxAgeMillis)) {
            return false; // the catalog's hot path: no settings read, no query, no lock, until it is time
        }
        synchronized (mirror) { // who comes during a sync waits for it, and then finds what it brought
            long now = System.nanoTime();
            if (!syncDue(now, maxAgeMillis)) {
                return false;
            }
            triedAt = now;
            Optional<SharedProviders> shared = shared();
            if (shared.isEmpty()) {
                syncedAt = now;
                return false;
            }
            try {
                boolean changed = mirror.apply(shared.get().all());
                syncedAt = now;
                if (changed) {
                    files.scan();
                }
                return changed;
            } catch (AuthsomeException | IOException e) {
                LOG.log(Level.FINE, "the shared custom providers were not read", e);
                return false;
            }
        }
    }

    private boolean syncDue(long now, long maxAgeMillis) {
        return triedAt == 0 || now - triedAt >= MISSED_SYNC_MILLIS * 1_000_000
                && (syncedAt == 0 || now - syncedAt >= maxAgeMillis * 1_000_000);
    }
}
