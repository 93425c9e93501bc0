package io.authsome.store.internal;

import static io.authsome.store.internal.VaultFixture.DEFAULT;
import static io.authsome.store.internal.VaultFixture.apiKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.authsome.api.ErrorCode;
import io.authsome.api.vault.Connection;
import io.authsome.api.vault.ProfileStore;
import io.authsome.common.seal.Keyring;
import io.authsome.common.seal.RecordCipher;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A record read again unchanged is not decrypted again; any change on disk is seen at once, before
 * and after the file has settled (when its stamp stands for its bytes).
 */
class OpenedRecordsTest {
    @TempDir
    Path home;
    VaultComponent vault;
    ProfileStore store;

    private static final OpenedRecords.Decoder<String> TEXT = plaintext -> new String(plaintext, StandardCharsets.UTF_8);

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
    void aSettledFileIsKnownByItsStampAndEveryChangeToItIsSeen() throws Exception {
        long settle = 200;
        OpenedRecords opened = new OpenedRecords(settle);
        RecordCipher cipher = new RecordCipher(Keyring.generate());
        SealedFile file = new SealedFile(home.resolve("settled.rec"), "test/settled");
        file.seal(cipher, "{\"n\":1}".getBytes(StandardCharsets.UTF_8));
        Thread.sleep(settle + 100);
        Object first = opened.open(file, cipher, TEXT);
        assertSame(first, opened.open(file, cipher, TEXT), "settled and unchanged: from memory");

        // written anew as the vault writes (a new file renamed over it), with the same size
        file.seal(cipher, "{\"n\":2}".getBytes(StandardCharsets.UTF_8));
        assertEquals("{\"n\":2}", opened.open(file, cipher, TEXT));

        // changed in place, same size and modification time, after a settled read: its change time moves on
        Thread.sleep(settle + 100);
        opened.open(file, cipher, TEXT);
        file.seal(cipher, "{\"n\":3}".getBytes(StandardCharsets.UTF_8));
        byte[] third = Files.readAllBytes(file.path());
        file.seal(cipher, "{\"n\":4}".getBytes(StandardCharsets.UTF_8));
        Thread.sleep(settle + 100);
        assertEquals("{\"n\":4}", opened.open(file, cipher, TEXT));
        FileTime modified = Files.getLastModifiedTime(file.path());
        try (FileChannel channel = FileChannel.open(file.path(), StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(third)); // the same inode, the same size
        }
        Files.setLastModifiedTime(file.path(), modified); // and its modification time put back
        assertEquals("{\"n\":3}", opened.open(file, cipher, TEXT));
    }

    @Test
    void aFileNotSettledIsComparedByItsBytes() throws Exception {
        OpenedRecords opened = new OpenedRecords(60_000); // nothing settles
        RecordCipher cipher = new RecordCipher(Keyring.generate());
        SealedFile file = new SealedFile(home.resolve("fresh.rec"), "test/fresh");
        file.seal(cipher, "{\"n\":1}".getBytes(StandardCharsets.UTF_8));
        assertEquals("{\"n\":1}", opened.open(file, cipher, TEXT));
        file.seal(cipher, "{\"n\":2}".getBytes(StandardCharsets.UTF_8));
        String second = opened.open(file, cipher, TEXT);
        assertEquals("{\"n\":2}", second);
        Files.write(file.path(), Files.readAllBytes(file.path())); // written again, the same bytes
        assertSame(second, opened.open(file, cipher, TEXT), "the same bytes: not decrypted again");
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
