package io.authsome.store.internal;

import io.authsome.common.seal.PassphraseWrap;
import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.health.Finding;
import io.authsome.api.home.HomeLayout;
import io.authsome.api.store.AuditTrail;
import io.authsome.api.store.SharedProviders;
import io.authsome.api.store.StoreBackend;
import io.authsome.api.store.TeamMembers;
import io.authsome.api.vault.Secret;
import io.authsome.api.vault.Vault;
import io.authsome.common.files.PrivateFiles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The records as encrypted files of the home: {@code master.key}, {@code profiles/},
 * {@code vault.lock}, and the refresh locks under {@code locks/}. The default backend.
 */
final class FileVault implements StoreBackend {
    private final HomeLayout home;
    private final KeyringFile keyringFile;
    private final VaultLock lock;
    private final Unlocker unlocker;
    private final FileRefreshLock refreshLock;
    private final OpenedRecords opened = new OpenedRecords();

    FileVault(HomeLayout home) {
        this.home = home;
        keyringFile = new KeyringFile(home.root().resolve("master.key"));
        lock = new VaultLock(home.root().resolve("vault.lock"));
        unlocker = new Unlocker(keyringFile, lock, home.profiles());
        refreshLock = new FileRefreshLock(home.root().resolve("locks"));
    }

    @Override
    public String describe() {
        return "the files of " + home.root();
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
    public List<String> profiles() {
        TreeSet<String> names = new TreeSet<>(List.of(Vault.DEFAULT_PROFILE));
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
    public boolean createProfile(String name) throws AuthsomeException {
        return lock.withLock(() -> {
            if (profiles().contains(name)) {
                return false;
            }
            try {
                PrivateFiles.ensureDirectory(home.profiles().resolve(name));
            } catch (IOException e) {
                throw new AuthsomeException(ErrorCode.UNEXPECTED, "cannot create profile " + name + ": "
                        + e.getMessage(), "authsome doctor");
            }
            return true;
        });
    }

    @Override
    public void deleteProfile(String name) throws AuthsomeException {
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
    public FileProfileStore profile(String name) {
        return new FileProfileStore(home.profiles(), name, unlocker, lock, opened);
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
    public <T> T withRefreshLock(String profile, String provider, String connection, Locked<T> action)
            throws AuthsomeException {
        return refreshLock.withLock(profile, provider, connection, action);
    }

    @Override
    public Optional<TeamMembers> members() {
        return Optional.empty();
    }

    @Override
    public Optional<SharedProviders> sharedProviders() {
        return Optional.empty();
    }

    @Override
    public Optional<AuditTrail> auditTrail() {
        return Optional.empty();
    }

    @Override
    public List<Finding> check() {
        return new VaultDoctor(this).check();
    }

    /** Whether this process can read the vault now without asking for the passphrase. */
    boolean opensWithoutAsking() {
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
}
