package io.authsome.store.internal;

import static io.authsome.store.internal.VaultFixture.DEFAULT;
import static io.authsome.store.internal.VaultFixture.assertFails;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.json.Json;
import io.authsome.api.vault.Secret;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        assertSameKeys(keyring, file.open(() -> P1));

        AuthsomeException wrong = assertFails(ErrorCode.AUTHENTICATION_FAILED, () -> file.open(() -> WRONG));
        assertTrue(wrong.getMessage().contains(file.path().toString()), wrong.getMessage());
        assertFalse(wrong.getMessage().contains(P1.reveal()) || wrong.getMessage().contains(WRONG.reveal()));
        assertArrayEquals(before, Files.readAllBytes(file.path()), "a wrong passphrase must not change master.key");
        assertSameKeys(keyring, file.open(() -> P1));
    }

    @Test
    void aKeyringWrappedUnderTwoPassphrasesOpensWithEither() throws Exception {
        KeyringFile file = VaultFixture.keyringFile(home);
        Keyring keyring = Keyring.generate().withNewCurrentKey(false);
        Secret p2 = Secret.of("second passphrase");
        file.writeWrapped(keyring, List.of(P1, p2), false);

        assertSameKeys(keyring, file.open(() -> P1));
        assertSameKeys(keyring, file.open(() -> p2));
        assertFails(ErrorCode.AUTHENTICATION_FAILED, () -> file.open(() -> WRONG));
    }

    @Test
    void wrapsAreSaltedAndHoldNoKeyInTheClear() throws Exception {
        Keyring keyring = Keyring.generate();
        byte[] clear = Json.write(keyring.toJson()).getBytes(StandardCharsets.UTF_8);
        byte[] first = PassphraseWrap.wrap(clear, P1);
        byte[] second = PassphraseWrap.wrap(clear, P1);

        assertFalse(Arrays.equals(first, second), "two wraps of one keyring differ (random salt and IV)");
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
    void oneUnwrapIsTimedAndPrinted() {
        byte[] wrapped = PassphraseWrap.wrap("{}".getBytes(StandardCharsets.UTF_8), P1);
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
        System.out.printf("PERF | passphrase unwrap (PBKDF2-HMAC-SHA512, %,d iterations) | first %d ms | then %d ms"
                + " each%n", PassphraseWrap.ITERATIONS, cold / 1_000_000, warm / 1_000_000);
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
