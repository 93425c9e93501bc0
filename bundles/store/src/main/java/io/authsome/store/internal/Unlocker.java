package io.authsome.store.internal;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.credential.SecretVariables;
import io.authsome.api.vault.Secret;
import java.io.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * Opens the keyring once per process and keeps the record cipher. It notices when another
 * process replaced {@code master.key} (a rekey, the vault's creation) and opens it again, so a
 * long-lived process never writes with a retired key. Thread-safe.
 */
final class Unlocker implements CipherSource {
    /** Environment variable holding the vault passphrase in passphrase mode. */
    static final String PASSPHRASE_ENV = SecretVariables.PASSPHRASE;

    private record Stamp(Object fileKey, long modified, long size) {
    }

    private final KeyringFile keyringFile;
    private RecordCipher cipher;
    private Stamp stamp;
    private Secret passphrase;

    Unlocker(KeyringFile keyringFile) {
        this.keyringFile = keyringFile;
    }

    @Override
    public synchronized RecordCipher forRead() throws AuthsomeException {
        if (cipher == null || !Objects.equals(stamp, stampOf())) {
            if (!keyringFile.exists()) {
                throw new AuthsomeException(ErrorCode.CREDENTIAL_UNAVAILABLE, "the vault has no key: "
                        + keyringFile.path() + " is missing", "restore it from a backup; authsome doctor");
            }
            open();
        }
        return cipher;
    }

    @Override
    public synchronized RecordCipher forWrite() throws AuthsomeException {
        if (!keyringFile.exists()) {
            keyringFile.writeClear(Keyring.generate());
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

    private void open() throws AuthsomeException {
        Stamp before = stampOf();
        Keyring keyring;
        try {
            keyring = keyringFile.open(this::passphrase);
        } catch (AuthsomeException e) {
            passphrase = null;
            throw e;
        }
        cipher = new RecordCipher(keyring);
        stamp = before;
    }

    static Secret askPassphrase(String prompt) throws AuthsomeException {
        String fromEnv = System.getenv(PASSPHRASE_ENV);
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return Secret.of(fromEnv);
        }
        Console console = System.console();
        if (console == null) {
            throw new AuthsomeException(ErrorCode.AUTHENTICATION_FAILED, "the vault is protected by a passphrase and"
                    + " there is no terminal to ask for it", "set " + PASSPHRASE_ENV);
        }
        char[] typed = console.readPassword("%s", prompt);
        if (typed == null || typed.length == 0) {
            throw new AuthsomeException(ErrorCode.AUTHENTICATION_FAILED, "no passphrase given", "run again and type it");
        }
        return Secret.of(new String(typed));
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
