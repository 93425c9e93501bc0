package io.authsome.store.internal;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.config.Configuration;
import io.authsome.api.config.StoreConfig;
import io.authsome.api.health.Finding;
import io.authsome.api.health.HealthCheck;
import io.authsome.api.home.HomeLayout;
import io.authsome.api.store.StoreBackend;
import io.authsome.api.vault.ProfileStore;
import io.authsome.api.vault.Secret;
import io.authsome.api.vault.Vault;
import io.authsome.common.home.Homes;
import io.authsome.common.store.StoreBackends;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The vault of the home: profile names and the active profile here, the records in the backend
 * that {@code store.backend} names ({@link FileVault}, the home's own files, unless a backend
 * bundle serves another); also its doctor check. Registered under its own class too, for the
 * resolver of this bundle, which takes the refresh locks of the backend.
 */
@Component(service = {Vault.class, HealthCheck.class, VaultComponent.class},
        property = HealthCheck.ORDER + ":Integer=40")
public final class VaultComponent implements Vault, HealthCheck {
    static final Pattern PROFILE_NAME = Pattern.compile("^[a-z0-9][a-z0-9_-]{0,63}$");

    private FileVault files;
    private HomeConfig config;
    private final StoreBackends backends = new StoreBackends();

    @Reference
    private Configuration configuration;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addBackend(StoreBackend backend, Map<String, Object> properties) {
        backends.add(backend, properties);
    }

    void removeBackend(StoreBackend backend, Map<String, Object> properties) {
        backends.remove(backend, properties);
    }

    @Activate
    void activate(BundleContext context) {
        activate(Homes.layout(context));
    }

    /** For tests: a vault on {@code home} without a framework. */
    void activate(HomeLayout home) {
        files = new FileVault(home);
        config = new HomeConfig(home.config());
        if (configuration == null) {
            configuration = new ConfigurationComponent(home);
        }
    }

    /**
     * The backend of the records, as {@code store.backend} names it.
     *
     * @throws AuthsomeException {@code INVALID_INPUT} for a backend that does not exist,
     *                           {@code RUNTIME_UNAVAILABLE} when its bundle is not running
     */
    public StoreBackend backend() throws AuthsomeException {
        return backend(configuration.current().store().backend().require());
    }

    private StoreBackend backend(String name) throws AuthsomeException {
        if (name.equals(StoreConfig.FILE)) {
            return files;
        }
        return backends.named(name).orElseThrow(() -> new AuthsomeException(ErrorCode.RUNTIME_UNAVAILABLE,
                "store.backend is " + name + " but the store bundle io.authsome.store." + name + " is not running",
                "authsome bundles; then authsome doctor"));
    }

    @Override
    public String encryptionMode() {
        try {
            return backend().encryptionMode();
        } catch (AuthsomeException e) {
            return "unavailable";
        }
    }

    /** A backend that cannot be reached is not known to be empty: the commands that read it say why. */
    @Override
    public boolean exists() {
        try {
            return backend().exists();
        } catch (AuthsomeException e) {
            return true;
        }
    }

    @Override
    public String activeProfile() {
        return configuration.current().profile();
    }

    @Override
    public void useProfile(String name) throws AuthsomeException {
        requireProfile(name);
        files.lock().withLock(() -> {
            config.set(HomeConfig.PROFILE, name);
            return null;
        });
    }

    @Override
    public List<String> profiles() throws AuthsomeException {
        return backend().profiles();
    }

    @Override
    public void createProfile(String name) throws AuthsomeException {
        if (!PROFILE_NAME.matcher(name).matches()) {
            throw new AuthsomeException(ErrorCode.USAGE, "profile name '" + name + "' must match "
                    + PROFILE_NAME.pattern());
        }
        if (!backend().createProfile(name)) {
            throw new AuthsomeException(ErrorCode.NOT_ALLOWED, "profile '" + name + "' already exists",
                    "authsome profile use " + name);
        }
    }

    @Override
    public void deleteProfile(String name) throws AuthsomeException {
        requireProfile(name);
        if (name.equals(activeProfile())) {
            throw new AuthsomeException(ErrorCode.NOT_ALLOWED, "profile '" + name + "' is the active profile",
                    "authsome profile use <another profile> first");
        }
        backend().deleteProfile(name);
    }

    @Override
    public ProfileStore profile(String name) throws AuthsomeException {
        requireProfile(name);
        return backend().profile(name);
    }

    @Override
    public int rekey(String mode, Secret newPassphrase) throws AuthsomeException {
        return backend().rekey(mode, newPassphrase);
    }

    /**
     * Copies every profile, connection and OAuth client of the home's store into the store
     * {@code to} ({@code file} or {@code postgres}), reads each back, then makes {@code to} the
     * home's store ({@code store.backend}). The store copied from is left as it is.
     */
    public StoreMigration.Report migrate(String to) throws AuthsomeException {
        if (!to.equals(StoreConfig.FILE) && !to.equals(StoreConfig.POSTGRES)) {
            throw new AuthsomeException(ErrorCode.USAGE, "unknown store '" + to + "'", "use --to "
                    + StoreConfig.FILE + " or --to " + StoreConfig.POSTGRES);
        }
        String from = configuration.current().store().backend().require();
        if (from.equals(to)) {
            throw new AuthsomeException(ErrorCode.NOT_ALLOWED, "this home already uses the " + to + " store",
                    "authsome doctor");
        }
        StoreMigration.Report report = StoreMigration.copy(backend(from), backend(to), files.home().providers());
        files.lock().withLock(() -> {
            config.set(ConfigParser.STORE_BACKEND, to);
            return null;
        });
        return report;
    }

    /** Runs {@code action} holding the refresh lock of one connection, shared by every runtime of the backend. */
    public <T> T withRefreshLock(String profile, String provider, String connection, StoreBackend.Locked<T> action)
            throws AuthsomeException {
        return backend().withRefreshLock(profile, provider, connection, action);
    }

    @Override
    public List<Finding> check() {
        try {
            return backend().check();
        } catch (AuthsomeException e) {
            return List.of(Finding.fail("store", e.getMessage(), e.nextStep()));
        }
    }

    /**
     * Whether this process can read the vault now without asking for the passphrase (see
     * {@link Unlocker#opensWithoutAsking}): for work no one is waiting on, such as the daemon's
     * background refresh, which skips a vault still locked. A shared store asks for nothing.
     */
    public boolean opensWithoutAsking() {
        try {
            return backend() != files || files.opensWithoutAsking();
        } catch (AuthsomeException e) {
            return false;
        }
    }

    /** The home's own files, whichever backend the records are in. */
    FileVault files() {
        return files;
    }

    private void requireProfile(String name) throws AuthsomeException {
        if (!name.equals(DEFAULT_PROFILE) && !profiles().contains(name)) {
            throw new AuthsomeException(ErrorCode.NOT_ALLOWED, "no profile '" + name + "'",
                    "authsome profile create " + name);
        }
    }
}
