package io.authsome.store.internal;

import io.authsome.api.AuthsomeException;
import io.authsome.api.credential.SecretVariables;
import io.authsome.api.vault.Secret;
import io.authsome.common.env.Passphrases;
import io.authsome.common.env.SecretEnvironment;
import io.authsome.common.seal.Keyring;
import io.authsome.common.seal.RecordCipher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * Opens the keyring once per process and keeps the record cipher. It notices when another
 * process replaced {@code master.key} (a rekey, the vault's creation) and opens it again, so a
 * long-lived process never writes with a retired key. A wrap of the old format is rewritten in
 * the current one right after it opened. A missing {@code master.key} is made only for a vault
 * with no encrypted file yet: a new key would not open the records of the lost one. Thread-safe.
 */
final class Unlocker implements CipherSource {
    /** Environment variable holding the vault passphrase in passphrase mode. */
    static final String PASSPHRASE_ENV = SecretVariables.PASSPHRASE;

    private record Stamp(Object fileKey, long modified, long size) {
    }

    private final KeyringFile keyringFile;
    private final VaultLock lock;
    private final Path profiles;
    private RecordCipher cipher;
    private Stamp stamp;
    private Secret passphrase;

    Unlocker(KeyringFile keyringFile, VaultLock lock, Path profiles) {
        this.keyringFile = keyringFile;
        this.lock = lock;
        this.profiles = profiles;
    }

    @Override
    public Path keyFile() {
        return keyringFile.path();
    }

    @Override
    public RecordCipher forRead() throws AuthsomeException {
        KeyringFile.Opened opened = null;
        Secret openedWith;
        RecordCipher current;
        synchronized (this) {
            if (cipher == null || !Objects.equals(stamp, stampOf())) {
                if (!keyringFile.exists()) {
                    throw missingKey();
                }
                opened = open();
            }
            current = cipher;
            openedWith = passphrase;
        }
        if (opened != null && opened.legacy() != null) {
            upgrade(opened, openedWith);
        }
        return current;
    }

    @Override
    public RecordCipher forWrite() throws AuthsomeException {
        synchronized (this) {
            if (!keyringFile.exists()) {
                int records = SealedFile.all(profiles).size();
                if (records > 0) {
                    throw VaultErrors.keyMissing(keyringFile.path(), records);
                }
                keyringFile.writeClear(Keyring.generate());
            }
        }
        return forRead();
    }

    /**
     * Replaces the keyring after this process rewrote {@code master.key} itself.
     *
     * @param passphrase the passphrase that now opens it, or {@code null} in key-file mode
     */
    synchronized RecordCipher adopt(Keyring keyring, Secret passphrase) {
        this.passphrase = passphrase;
        cipher = new RecordCipher(keyring);
        stamp = stampOf();
        return cipher;
    }

    /** The passphrase this process unlocked with, if the vault is in passphrase mode and was opened. */
    synchronized Secret passphrase() throws AuthsomeException {
        if (passphrase == null) {
            passphrase = askPassphrase("Vault passphrase: ");
        }
        return passphrase;
    }

    /**
     * Whether records can be read without asking anyone for the passphrase: the keyring opened
     * here is still current, the key file holds it in the clear, or a passphrase is known (taken
     * already, or in {@value #PASSPHRASE_ENV}). Background work asks this first, so it never
     * prompts; a vault that does not exist yet holds nothing to read.
     */
    synchronized boolean opensWithoutAsking() {
        if (!keyringFile.exists()) {
            return false;
        }
        if ((cipher != null && Objects.equals(stamp, stampOf())) || passphrase != null
                || SecretEnvironment.value(PASSPHRASE_ENV).isPresent()) {
            return true;
        }
        try {
            return keyringFile.hasClearKeyring();
        } catch (AuthsomeException damaged) {
            return false;
        }
    }

    private AuthsomeException missingKey() throws AuthsomeException {
        int records = SealedFile.all(profiles).size();
        return records > 0 ? VaultErrors.keyMissing(keyringFile.path(), records)
                : VaultErrors.keyMissing(keyringFile.path());
    }

    private KeyringFile.Opened open() throws AuthsomeException {
        Stamp before = stampOf();
        KeyringFile.Opened opened;
        try {
            opened = keyringFile.open(this::passphrase);
        } catch (AuthsomeException e) {
            passphrase = null;
            throw e;
        }
        cipher = new RecordCipher(opened.keyring());
        stamp = before;
        return opened;
    }

    /**
     * Rewrites an old-format wrap under the vault lock (not under this object's monitor: writers
     * take the lock first, then this monitor). Failing changes nothing: the old wrap still
     * opens, and the next unlock tries again.
     */
    private void upgrade(KeyringFile.Opened opened, Secret openedWith) {
        try {
            lock.withLock(() -> {
                if (keyringFile.upgrade(opened, openedWith)) {
                    synchronized (this) {
                        stamp = stampOf(); // the same keyring: no need to open it again
                    }
                }
                return null;
            });
        } catch (AuthsomeException e) {
            // Busy or not writable: the old wrap stays, and still opens.
        }
    }

    static Secret askPassphrase(String prompt) throws AuthsomeException {
        return Passphrases.ask("the vault", prompt);
    }

    private Stamp stampOf() {
        try {
            BasicFileAttributes attributes = Files.readAttributes(keyringFile.path(), BasicFileAttributes.class);
            return new Stamp(attributes.fileKey(), attributes.lastModifiedTime().toMillis(), attributes.size());
        } catch (IOException e) {
            return null;
        }
    }
}
