package io.authsome.store.internal;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.config.Configuration;
import io.authsome.api.health.Finding;
import io.authsome.api.health.HealthCheck;
import io.authsome.api.home.HomeLayout;
import io.authsome.api.vault.ProfileStore;
import io.authsome.api.vault.Secret;
import io.authsome.api.vault.Vault;
import io.authsome.common.files.PrivateFiles;
import io.authsome.common.home.Homes;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The vault of the home directory: {@code master.key}, {@code profiles/}, {@code vault.lock}; also
 * its doctor check.
 */
@Component(service = {Vault.class, HealthCheck.class}, property = HealthCheck.ORDER + ":Integer=40")
public final class VaultComponent implements Vault, HealthCheck {
    static final Pattern PROFILE_NAME = Pattern.compile("^[a-z0-9][a-z0-9_-]{0,63}$");

    private HomeLayout home;
    private KeyringFile keyringFile;
    private Unlocker unlocker;
    private VaultLock lock;
    private HomeConfig config;

    @Reference
    private Configuration configuration;

    @Activate
    void activate(BundleContext context) {
        activate(Homes.layout(context));
    }

    /** For tests: a vault on {@code home} without a framework. */
    void activate(HomeLayout home) {
        this.home = home;
        keyringFile = new KeyringFile(home.root().resolve("master.key"));
        lock = new VaultLock(home.root().resolve("vault.lock"));
        unlocker = new Unlocker(keyringFile, lock, home.profiles());
        config = new HomeConfig(home.config());
        if (configuration == null) {
            configuration = new ConfigurationComponent(home);
        }
    }

    @Override
    public String encryptionMode() {
        try {
            return keyringFile.exists() ? keyringFile.mode() : "none";
        } catch (AuthsomeException e) {
            return "damaged";
        }
    }

    @Override
    public boolean exists() {
        return keyringFile.exists();
    }

    @Override
    public String activeProfile() {
        return configuration.current().profile();
    }

    @Override
    public void useProfile(String name) throws AuthsomeException {
        requireProfile(name);
        lock.withLock(() -> {
            config.set(HomeConfig.PROFILE, name);
            return null;
        });
    }

    @Override
    public List<String> profiles() {
        TreeSet<String> names = new TreeSet<>(List.of(DEFAULT_PROFILE));
        if (Files.isDirectory(home.profiles())) {
            try (DirectoryStream<Path> dirs = Files.newDirectoryStream(home.profiles(), Files::isDirectory)) {
                dirs.forEach(dir -> names.add(dir.getFileName().toString()));
            } catch (IOException e) {
                // An unreadable profiles folder lists only the default profile; doctor reports it.
            }
        }
        return new ArrayList<>(names);
    }

    @Override
    public void createProfile(String name) throws AuthsomeException {
        if (!PROFILE_NAME.matcher(name).matches()) {
            throw new AuthsomeException(ErrorCode.USAGE, "profile name '" + name + "' must match "
                    + PROFILE_NAME.pattern());
        }
        lock.withLock(() -> {
            if (profiles().contains(name)) {
                throw new AuthsomeException(ErrorCode.NOT_ALLOWED, "profile '" + name + "' already exists",
                        "authsome profile use " + name);
            }
            try {
                PrivateFiles.ensureDirectory(home.profiles().resolve(name));
            } catch (IOException e) {
                throw new AuthsomeException(ErrorCode.UNEXPECTED, "cannot create profile " + name + ": "
                        + e.getMessage(), "authsome doctor");
            }
            return null;
        });
    }

    @Override
    public void deleteProfile(String name) throws AuthsomeException {
        requireProfile(name);
        if (name.equals(activeProfile())) {
            throw new AuthsomeException(ErrorCode.NOT_ALLOWED, "profile '" + name + "' is the active profile",
                    "authsome profile use <another profile> first");
        }
        lock.withLock(() -> {
            Path dir = home.profiles().resolve(name);
            if (Files.exists(dir)) {
                try (Stream<Path> paths = Files.walk(dir)) {
                    for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(path);
                    }
                } catch (IOException e) {
                    throw new AuthsomeException(ErrorCode.UNEXPECTED, "cannot delete profile " + name + ": "
                            + e.getMessage(), "authsome doctor");
                }
            }
            return null;
        });
    }

    @Override
    public ProfileStore profile(String name) throws AuthsomeException {
        requireProfile(name);
        return store(name);
    }

    FileProfileStore store(String name) {
        return new FileProfileStore(home.profiles(), name, unlocker, lock);
    }

    @Override
    public int rekey(String mode, Secret newPassphrase) throws AuthsomeException {
        if (!mode.equals(KeyringFile.KEY_FILE) && !mode.equals(KeyringFile.PASSPHRASE)) {
            throw new AuthsomeException(ErrorCode.USAGE, "unknown encryption mode '" + mode + "'",
                    "use " + KeyringFile.KEY_FILE + " or " + KeyringFile.PASSPHRASE);
        }
        if (mode.equals(KeyringFile.PASSPHRASE) && newPassphrase != null && !newPassphrase.isEmpty()
                && !PassphraseWrap.longEnough(newPassphrase)) {
            throw new AuthsomeException(ErrorCode.INVALID_INPUT, "the new vault passphrase is too short: it needs at"
                    + " least " + PassphraseWrap.MIN_PASSPHRASE_LENGTH + " characters; nothing was changed",
                    "authsome vault rekey --mode passphrase with a passphrase of " + PassphraseWrap.MIN_PASSPHRASE_LENGTH
                            + " characters or more");
        }
        return lock.withLock(() -> new Rekey(keyringFile, unlocker, home.profiles()).run(mode, newPassphrase));
    }

    @Override
    public List<Finding> check() {
        return new VaultDoctor(this).check();
    }

    /**
     * Whether this process can read the vault now without asking for the passphrase (see
     * {@link Unlocker#opensWithoutAsking}): for work no one is waiting on, such as the daemon's
     * background refresh, which skips a vault still locked.
     */
    public boolean opensWithoutAsking() {
        return unlocker.opensWithoutAsking();
    }

    KeyringFile keyringFile() {
        return keyringFile;
    }

    Unlocker unlocker() {
        return unlocker;
    }

    VaultLock lock() {
        return lock;
    }

    HomeLayout home() {
        return home;
    }

    private void requireProfile(String name) throws AuthsomeException {
        if (!name.equals(DEFAULT_PROFILE) && !profiles().contains(name)) {
            throw new AuthsomeException(ErrorCode.NOT_ALLOWED, "no profile '" + name + "'",
                    "authsome profile create " + name);
        }
    }
}
