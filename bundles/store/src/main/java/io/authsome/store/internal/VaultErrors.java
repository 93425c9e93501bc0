package io.authsome.store.internal;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import java.nio.file.Path;

/**
 * The errors of a vault whose key is missing or is not the key of its records. Both mean the
 * records are intact and only the right {@code master.key} is missing, so the only advice is to
 * put it back: never to delete records or to log in again over them.
 */
final class VaultErrors {
    /** The start of every next step that restores the key. */
    static final String RESTORE_KEY = "restore it from a backup: cp BACKUP/master.key ";

    private VaultErrors() {
    }

    /** {@code master.key} is missing. */
    static AuthsomeException keyMissing(Path key) {
        return new AuthsomeException(ErrorCode.CREDENTIAL_UNAVAILABLE, "the vault key " + key + " is missing",
                RESTORE_KEY + key);
    }

    /** {@code master.key} is missing while {@code records} encrypted files need it. */
    static AuthsomeException keyMissing(Path key, int records) {
        return new AuthsomeException(ErrorCode.CREDENTIAL_UNAVAILABLE, "the vault key " + key + " is missing but "
                + records + " encrypted files need it; nothing was changed (a new key would not open them)",
                RESTORE_KEY + key);
    }

    /** {@code master.key} opens but does not hold the key {@code file} is encrypted with. */
    static AuthsomeException keyMismatch(Path key, Path file, Object kid) {
        return new AuthsomeException(ErrorCode.CREDENTIAL_UNAVAILABLE, "the vault key " + key
                + " does not match the vault: " + file + " is encrypted with key " + kid + ", which it does not hold"
                + " (a master.key from before a rekey, or from another home); nothing was changed",
                RESTORE_KEY + key + " (the one that goes with these records)");
    }
}
