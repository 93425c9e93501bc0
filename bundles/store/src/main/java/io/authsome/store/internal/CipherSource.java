package io.authsome.store.internal;

import io.authsome.api.AuthsomeException;
import io.authsome.common.seal.RecordCipher;
import java.nio.file.Path;

/** Gives the record cipher, unlocking the vault on first use. */
interface CipherSource {
    /** {@code master.key}, named in the errors of a vault whose key is missing or is not its own. */
    Path keyFile();

    /** The cipher of an existing vault. */
    RecordCipher forRead() throws AuthsomeException;

    /** The cipher, creating the vault (a new key file) when there is none yet. Called under the vault lock. */
    RecordCipher forWrite() throws AuthsomeException;
}
