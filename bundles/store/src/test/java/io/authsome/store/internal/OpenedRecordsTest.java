package io.authsome.store.internal;

import static io.authsome.store.internal.VaultFixture.DEFAULT;
import static io.authsome.store.internal.VaultFixture.apiKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.authsome.api.ErrorCode;
import io.authsome.api.vault.Connection;
import io.authsome.api.vault.ProfileStore;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A record read again with the same bytes is not decrypted again; any change on disk is seen at once. */
class OpenedRecordsTest {
    @TempDir
    Path home;
    VaultComponent vault;
    ProfileStore store;

    @BeforeEach
    void oneConnection() throws Exception {
        vault = VaultFixture.vault(home);
        store = vault.profile(DEFAULT);
        store.write(apiKey("a", "default", "key-one"), false);
    }

    @Test
    void theSameBytesGiveTheSameConnectionAndAnyWriteIsSeen() throws Exception {
        Connection first = store.read("a", "default");
        assertSame(first, vault.profile(DEFAULT).read("a", "default"), "decrypted once");

        // Another process (another vault on the same home) writes: the next read sees it.
        VaultFixture.vault(home).profile(DEFAULT).write(apiKey("a", "default", "key-two"), true);
        Connection second = store.read("a", "default");
        assertEquals("key-two", second.secrets().values().iterator().next().reveal());
        assertNotSame(first, second);
    }

    @Test
    void aFileDamagedAfterItWasReadIsNotServedFromMemory() throws Exception {
        store.read("a", "default");

        VaultFixture.flipCiphertextByte(VaultFixture.record(home, "a", "default"), 3);

        VaultFixture.assertFails(ErrorCode.CREDENTIAL_UNAVAILABLE, () -> store.read("a", "default"));
    }

    @Test
    void aNewKeyringReadsAgain() throws Exception {
        Connection before = store.read("a", "default");

        vault.rekey("key-file", null);

        Connection after = vault.profile(DEFAULT).read("a", "default");
        assertNotSame(before, after, "records sealed with the new key are decrypted with it");
        assertEquals(before, after);
    }
}
