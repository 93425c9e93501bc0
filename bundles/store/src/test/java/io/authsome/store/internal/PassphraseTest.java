package io.authsome.store.internal;

import io.authsome.common.seal.PassphraseWrap;
import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.vault.Secret;
import io.authsome.common.json.Json;
import io.authsome.common.seal.Keyring;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.authsome.store.internal.VaultFixture.DEFAULT;
import static io.authsome.store.internal.VaultFixture.assertFails;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PassphraseTest {
    static final Secret P1 = Secret.of("correct horse battery staple");
    static final Secret WRONG = Secret.of("Correct horse battery staple");

    @TempDir
    Path home;

    @Test
    void aWrappedKeyringOpensWithItsPassphraseAndAWrongOneChangesNothing() throws Exception {
        KeyringFile file = VaultFixture.keyringFile(home);
        Keyring keyring = Keyring.generate();
        file.writeWrapped(keyring, List.of(P1), false);
        byte[] before = Files.readAllBytes(file.path());

        assertEquals(KeyringFile.PASSPHRASE, file.mode());
        assertNull(VaultFixture.masterKey(home).get("keyring"), "no clear keyring in passphrase mode");
        assertSameKeys(keyring, file.open(() -> P1).keyring());

        AuthsomeException wrong = assertFails(ErrorCode.AUTHENTICATION_FAILED, () -> file.open(() -> WRONG));
        assertTrue(wrong.getMessage().contains(file.path().toString()), wrong.getMessage());
        assertFalse(wrong.getMessage().contains(P1.reveal()) || wrong.getMessage().contains(WRONG.reveal()));
        assertArrayEquals(before, Files.readAllBytes(file.path()), "a wrong passphrase must not change master.key");
        assertSameKeys(keyring, file.open(() -> P1).keyring());
    }

    @Test
    void aKeyringWrappedUnderTwoPassphrasesOpensWithEither() throws Exception {
        KeyringFile file = VaultFixture.keyringFile(home);
        Keyring keyring = Keyring.generate().withNewCurrentKey(false);
        Secret p2 = Secret.of("second passphrase");
        file.writeWrapped(keyring, List.of(P1, p2), false);

        assertSameKeys(keyring, file.open(() -> P1).keyring());
        assertSameKeys(keyring, file.open(() -> p2).keyring());
        assertFails(ErrorCode.AUTHENTICATION_FAILED, () -> file.open(() -> WRONG));
    }

    @Test
    void wrapsAreArgon2idAndAesGcmSaltedAndHoldNoKeyInTheClear() throws Exception {
        Keyring keyring = Keyring.generate();
        byte[] clear = Json.write(keyring.toJson()).getBytes(StandardCharsets.UTF_8);
        Map<String, Object> first = PassphraseWrap.wrap(clear, P1);
        Map<String, Object> second = PassphraseWrap.wrap(clear, P1);

        assertEquals("argon2id", first.get("kdf"));
        assertEquals(PassphraseWrap.MEMORY_KIB, first.get("m"));
        assertNotEquals(first.get("salt"), second.get("salt"), "a random salt per wrap");
        assertNotEquals(first.get("ct"), second.get("ct"));
        assertArrayEquals(clear, PassphraseWrap.unwrap(first, P1));
        assertArrayEquals(clear, PassphraseWrap.unwrap(second, P1));
        assertNull(PassphraseWrap.unwrap(first, WRONG));

        VaultFixture.keyringFile(home).writeWrapped(keyring, List.of(P1), false);
        String keyFile = Files.readString(home.resolve("master.key"));
        String key = Base64.getEncoder().encodeToString(keyring.key(keyring.current()));
        assertFalse(keyFile.contains(key.substring(0, 20)), "key in the clear in master.key");
        assertFalse(keyFile.contains(P1.reveal()));
    }

    @Test
    void aTamperedWrapIsRefusedAsDamagedAndAWrongPassphraseStaysAWrongPassphrase() throws Exception {
        KeyringFile file = VaultFixture.keyringFile(home);
        file.writeWrapped(Keyring.generate(), List.of(P1), false);
        Map<String, Object> masterKey = VaultFixture.masterKey(home);
        @SuppressWarnings("unchecked")
        Map<String, Object> wrap = (Map<String, Object>) ((List<?>) masterKey.get("wraps")).get(0);
        byte[] ct = Base64.getDecoder().decode((String) wrap.get("ct"));
        ct[ct.length / 2] ^= 0x01;
        wrap.put("ct", Base64.getEncoder().encodeToString(ct));
        Files.writeString(file.path(), Json.write(masterKey));
        byte[] tampered = Files.readAllBytes(file.path());

        AuthsomeException damaged = assertFails(ErrorCode.CREDENTIAL_UNAVAILABLE, () -> file.open(() -> P1));
        assertEquals(5, damaged.code().exitCode());
        assertTrue(damaged.getMessage().contains("could not be unwrapped"), damaged.getMessage());
        assertTrue(damaged.nextStep().contains("master.key"), damaged.nextStep());
        assertFails(ErrorCode.AUTHENTICATION_FAILED, () -> file.open(() -> WRONG));
        assertArrayEquals(tampered, Files.readAllBytes(file.path()), "a refused wrap is left as it is");
    }

    @Test
    void midRekeyADamagedWrapDoesNotStopTheOtherFromOpening() throws Exception {
        KeyringFile file = VaultFixture.keyringFile(home);
        Keyring keyring = Keyring.generate();
        Secret p2 = Secret.of("second passphrase");
        file.writeWrapped(keyring, List.of(P1, p2), false);
        Map<String, Object> masterKey = VaultFixture.masterKey(home);
        @SuppressWarnings("unchecked")
        Map<String, Object> first = (Map<String, Object>) ((List<?>) masterKey.get("wraps")).get(0);
        first.put("nonce", "not base64!");
        Files.writeString(file.path(), Json.write(masterKey));

        assertSameKeys(keyring, file.open(() -> p2).keyring());
        assertFails(ErrorCode.CREDENTIAL_UNAVAILABLE, () -> file.open(() -> P1));
    }

    @Test
    void aMalformedWrapIsDamagedWhateverThePassphrase() throws Exception {
        KeyringFile file = VaultFixture.keyringFile(home);
        file.writeWrapped(Keyring.generate(), List.of(P1), false);
        Map<String, Object> masterKey = VaultFixture.masterKey(home);
        @SuppressWarnings("unchecked")
        Map<String, Object> wrap = (Map<String, Object>) ((List<?>) masterKey.get("wraps")).get(0);
        wrap.put("m", 1L << 40); // would ask for all memory
        Files.writeString(file.path(), Json.write(masterKey));

        AuthsomeException damaged = assertFails(ErrorCode.CREDENTIAL_UNAVAILABLE, () -> file.open(() -> P1));
        assertTrue(damaged.getMessage().contains("out of range"), damaged.getMessage());
    }

    @Test
    void aVaultOfTheOldJasyptFormatOpensAndIsRewrappedAtItsFirstUnlock() throws Exception {
        Keyring keyring = Keyring.generate();
        VaultFixture.writeJasyptKeyFile(home, keyring, P1);
        Map<String, String> keys = VaultFixture.populate(home, DEFAULT, P1, 3, 2);
        assertTrue(VaultFixture.masterKey(home).get("wraps") instanceof List<?> wraps && wraps.get(0) instanceof String,
                "the fixture writes the old format");

        try (ChildJvm child = ChildJvm.start(Map.of(ChildJvm.PASSPHRASE, P1.reveal()), "read-all", home.toString())) {
            child.awaitSuccess(Duration.ofSeconds(60));
            assertEquals(List.of("read " + keys.size()), child.lines());
        }

        Map<String, Object> upgraded = VaultFixture.masterKey(home);
        assertEquals(KeyringFile.PASSPHRASE, upgraded.get("mode"));
        assertEquals(1, VaultFixture.wrapCount(upgraded));
        Map<?, ?> wrap = (Map<?, ?>) ((List<?>) upgraded.get("wraps")).get(0);
        assertEquals("argon2id", wrap.get("kdf"), "rewrapped with Argon2id and AES-GCM");
        assertNull(upgraded.get("keyring"), "still no clear keyring");
        assertSameKeys(keyring, VaultFixture.keyring(home, P1));
        VaultFixture.assertAllRead(VaultFixture.storeWith(home, DEFAULT, P1), keys);
        assertFalse(VaultFixture.opensWith(home, WRONG));
    }

    @Test
    void aPassphraseShorterThanTwelveCharactersIsRefusedAtRekeyAndChangesNothing() throws Exception {
        writeThree();
        byte[] before = Files.readAllBytes(home.resolve("master.key"));

        AuthsomeException refused = assertFails(ErrorCode.INVALID_INPUT,
                () -> VaultFixture.vault(home).rekey(KeyringFile.PASSPHRASE, Secret.of("eleven char")));
        assertEquals(65, refused.code().exitCode());
        assertTrue(refused.getMessage().contains("at least 12 characters"), refused.getMessage());
        assertArrayEquals(before, Files.readAllBytes(home.resolve("master.key")));
        assertEquals(KeyringFile.KEY_FILE, VaultFixture.vault(home).encryptionMode());
    }

    @Test
    @Tag("perf")
    void oneUnwrapIsTimedAndPrinted() throws Exception {
        Map<String, Object> wrapped = PassphraseWrap.wrap("{}".getBytes(StandardCharsets.UTF_8), P1);
        long cold = System.nanoTime();
        byte[] clear = PassphraseWrap.unwrap(wrapped, P1);
        cold = System.nanoTime() - cold;
        assertArrayEquals("{}".getBytes(StandardCharsets.UTF_8), clear);
        int runs = 3;
        long warm = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            PassphraseWrap.unwrap(wrapped, i % 2 == 0 ? P1 : WRONG);
        }
        warm = (System.nanoTime() - warm) / runs;
        System.out.printf("PERF | passphrase unwrap (Argon2id m=%d KiB t=%d p=%d, AES-256-GCM) | first %d ms | then %d"
                + " ms each%n", PassphraseWrap.MEMORY_KIB, PassphraseWrap.ITERATIONS, PassphraseWrap.PARALLELISM,
                cold / 1_000_000, warm / 1_000_000);
    }

    @Test
    void aVaultRekeyedToAPassphraseOpensOnlyWithIt() throws Exception {
        Map<String, String> keys = writeThree();
        int count = VaultFixture.vault(home).rekey(KeyringFile.PASSPHRASE, P1);

        assertEquals(4, count, "three records and the index");
        assertEquals(KeyringFile.PASSPHRASE, VaultFixture.vault(home).encryptionMode());
        assertEquals(1, VaultFixture.wrapCount(VaultFixture.masterKey(home)));
        assertNull(VaultFixture.masterKey(home).get("keyring"));
        VaultFixture.assertAllRead(VaultFixture.storeWith(home, DEFAULT, P1), keys);
        assertFails(ErrorCode.AUTHENTICATION_FAILED, () -> VaultFixture.storeWith(home, DEFAULT, WRONG));
        // This JVM has no AUTHSOME_PASSPHRASE and no console: a fresh vault cannot be opened.
        assertFails(ErrorCode.AUTHENTICATION_FAILED, () -> VaultFixture.defaultStore(home).read("a", "one"));
    }

    @Test
    void anotherProcessOpensWithTheRightPassphraseAndAWrongOneChangesNoFile() throws Exception {
        Map<String, String> keys = writeThree();
        VaultFixture.vault(home).rekey(KeyringFile.PASSPHRASE, P1);
        Map<Path, byte[]> before = snapshot();

        try (ChildJvm child = ChildJvm.start(Map.of(ChildJvm.PASSPHRASE, P1.reveal()), "read-all", home.toString())) {
            child.awaitSuccess(Duration.ofSeconds(60));
            assertEquals(List.of("read " + keys.size()), child.lines());
        }
        try (ChildJvm child = ChildJvm.start(Map.of(ChildJvm.PASSPHRASE, WRONG.reveal()), "read-all",
                home.toString())) {
            assertEquals(3, child.awaitExit(Duration.ofSeconds(60)), child::stderr);
            assertTrue(child.lines().get(0).startsWith("error AUTHENTICATION_FAILED "), child.lines()::toString);
        }

        Map<Path, byte[]> after = snapshot();
        assertEquals(before.keySet(), after.keySet());
        before.forEach((path, bytes) -> assertArrayEquals(bytes, after.get(path), path::toString));
    }

    private Map<String, String> writeThree() throws AuthsomeException {
        Map<String, String> keys = new LinkedHashMap<>();
        var store = VaultFixture.defaultStore(home);
        for (String name : List.of("one", "two", "three")) {
            store.write(VaultFixture.apiKey("a", name, VaultFixture.keyOf("a", name)), false);
            keys.put("a/" + name, VaultFixture.keyOf("a", name));
        }
        return keys;
    }

    /** Every file but the lock, whose owner line any process may rewrite. */
    private Map<Path, byte[]> snapshot() throws Exception {
        Map<Path, byte[]> files = new LinkedHashMap<>();
        for (Path file : VaultFixture.files(home)) {
            if (!file.getFileName().toString().equals("vault.lock")) {
                files.put(file, Files.readAllBytes(file));
            }
        }
        return files;
    }

    private static void assertSameKeys(Keyring expected, Keyring actual) {
        assertEquals(expected.current(), actual.current());
        assertEquals(expected.keys().keySet(), actual.keys().keySet());
        expected.keys().forEach((id, key) -> assertArrayEquals(key, actual.key(id), id));
    }
}
