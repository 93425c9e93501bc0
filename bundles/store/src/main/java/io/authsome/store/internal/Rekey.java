package io.authsome.store.internal;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.vault.Secret;
import io.authsome.common.json.MalformedJsonException;
import io.authsome.common.seal.Keyring;
import io.authsome.common.seal.RecordCipher;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Moves the vault to a new master key (and maybe a new passphrase or mode) in three durable
 * steps, each a single atomic write, so that a process killed anywhere leaves a vault that opens:
 * <ol>
 * <li>{@code master.key} gets a keyring with the old and the new key, reachable with the old
 *     secret and with the new one;</li>
 * <li>every sealed file still under an old key is re-encrypted under the new key;</li>
 * <li>{@code master.key} keeps only the new key, reachable only with the new secret.</li>
 * </ol>
 * Runs under the vault lock.
 */
final class Rekey {
    private final KeyringFile keyringFile;
    private final Unlocker unlocker;
    private final Path profiles;

    Rekey(KeyringFile keyringFile, Unlocker unlocker, Path profiles) {
        this.keyringFile = keyringFile;
        this.unlocker = unlocker;
        this.profiles = profiles;
    }

    /** @return the number of files re-encrypted */
    int run(String mode, Secret newPassphrase) throws AuthsomeException {
        boolean toPassphrase = mode.equals(KeyringFile.PASSPHRASE);
        if (toPassphrase && (newPassphrase == null || newPassphrase.isEmpty())) {
            throw new AuthsomeException(ErrorCode.USAGE, "passphrase mode needs a new passphrase");
        }
        Keyring old = unlocker.forWrite().keyring();
        // A file that still holds a clear keyring (an unfinished move to or from key-file mode)
        // opens without a passphrase, so it counts as key-file mode here.
        boolean fromPassphrase = keyringFile.mode().equals(KeyringFile.PASSPHRASE) && !keyringFile.hasClearKeyring();
        Secret oldPassphrase = fromPassphrase ? unlocker.passphrase() : null;
        Keyring both = old.withNewCurrentKey(false);
        writeKeyring(both, toPassphrase, fromPassphrase, oldPassphrase, newPassphrase, true);
        RecordCipher cipher = unlocker.adopt(both, oldPassphrase);
        int count = reencrypt(cipher);
        Keyring fresh = both.currentOnly();
        writeKeyring(fresh, toPassphrase, fromPassphrase, oldPassphrase, newPassphrase, false);
        unlocker.adopt(fresh, toPassphrase ? newPassphrase : null);
        return count;
    }

    private void writeKeyring(Keyring keyring, boolean toPassphrase, boolean fromPassphrase, Secret oldPassphrase,
                              Secret newPassphrase, boolean transition) throws AuthsomeException {
        if (!toPassphrase && !(transition && fromPassphrase)) {
            keyringFile.writeClear(keyring);
            return;
        }
        List<Secret> passphrases = new ArrayList<>();
        if (transition && fromPassphrase) {
            passphrases.add(oldPassphrase);
        }
        if (toPassphrase) {
            passphrases.add(newPassphrase);
        }
        // Mid-way from key-file mode, or on the way to it, the clear keyring is the other way in.
        boolean alsoClear = transition && (!fromPassphrase || !toPassphrase);
        keyringFile.writeWrapped(keyring, passphrases, alsoClear);
    }

    private int reencrypt(RecordCipher cipher) throws AuthsomeException {
        int count = 0;
        for (SealedFile file : SealedFile.all(profiles)) {
            try {
                if (!cipher.isCurrent(file.envelope())) {
                    file.seal(cipher, file.open(cipher));
                    count++;
                }
            } catch (RecordCipher.UnreadableRecordException | MalformedJsonException e) {
                // A damaged record stays as it is; doctor names it. It cannot be rescued by a rekey.
            } catch (IOException e) {
                throw new AuthsomeException(ErrorCode.UNEXPECTED, "rekey stopped at " + file.path() + ": "
                        + e.getMessage() + "; the vault opens with the old or the new secret",
                        "authsome vault rekey again to finish");
            }
        }
        return count;
    }
}
