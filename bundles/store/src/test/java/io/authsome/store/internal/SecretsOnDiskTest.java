package io.authsome.store.internal;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.vault.Connection;
import io.authsome.api.vault.ConnectionState;
import io.authsome.api.vault.ProfileStore;
import io.authsome.api.vault.Secret;
import io.authsome.common.json.Json;
import io.authsome.common.seal.Keyring;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.authsome.store.internal.VaultFixture.DEFAULT;
import static io.authsome.store.internal.VaultFixture.apiKey;
import static io.authsome.store.internal.VaultFixture.assertFails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class SecretsOnDiskTest {
    static final String KNOWN = "sk-test-KNOWN-SECRET-0123456789abcdef";
    static final String REFRESH = "rt-test-KNOWN-REFRESH-fedcba9876543210";

    @TempDir
    Path home;

    @Test
    void aStoredSecretAppearsNowhereUnderTheHomeInPlainOrEncodedForm() throws Exception {
        VaultComponent vault = VaultFixture.vault(home);
        ProfileStore store = vault.profile(DEFAULT);
        store.write(apiKey("openai", "default", KNOWN, Map.of(Connection.ACCOUNT, "me@example.com")), false);
        store.write(new Connection("github", "oauth", ConnectionState.CONNECTED,
                Map.of("access_token", Secret.of(KNOWN), "refresh_token", Secret.of(REFRESH)), Map.of(),
                VaultFixture.NOW, VaultFixture.NOW, VaultFixture.NOW.plusSeconds(3600)), false);
        store.update("openai", "default", c -> c.withAttributes(Map.of("scopes", "all"), VaultFixture.NOW));
        vault.createProfile("work");
        vault.useProfile("work");
        vault.profile("work").write(apiKey("openai", "default", KNOWN), false);
        store.delete("github", "oauth");
        store.write(new Connection("github", "oauth", ConnectionState.CONNECTED,
                Map.of("access_token", Secret.of(KNOWN), "refresh_token", Secret.of(REFRESH)), Map.of(),
                VaultFixture.NOW, VaultFixture.NOW, null), false);
        assertEquals(KNOWN, store.read("openai", "default").secrets().get(Connection.API_KEY).reveal());

        List<Path> files = VaultFixture.files(home);
        assertTrue(files.size() >= 7, "expected master.key, config, lock, indexes and records: " + files);
        assertNotOnDisk(KNOWN);
        assertNotOnDisk(REFRESH);

        vault.rekey(KeyringFile.PASSPHRASE, Secret.of("a passphrase"));
        assertNotOnDisk(KNOWN);
        assertNotOnDisk(REFRESH);
        assertNotOnDisk("a passphrase");
    }

    @Test
    void errorMessagesNeverContainTheSecret() throws Exception {
        VaultComponent vault = VaultFixture.vault(home);
        ProfileStore store = vault.profile(DEFAULT);
        store.write(apiKey("openai", "default", KNOWN), false);
        store.write(apiKey("openai", "other", KNOWN), false);
        store.write(apiKey("github", "default", KNOWN), false);
        List<AuthsomeException> errors = new ArrayList<>();

        errors.add(assertFails(ErrorCode.CONNECTION_EXISTS, () -> store.write(apiKey("openai", "default", KNOWN),
                false)));
        errors.add(assertFails(ErrorCode.CONNECTION_NOT_FOUND, () -> store.read("openai", "missing")));
        errors.add(assertFails(ErrorCode.CONNECTION_NOT_FOUND, () -> store.update("openai", "missing", c -> c)));
        errors.add(assertFails(ErrorCode.USAGE, () -> vault.rekey("plain-text", Secret.of(KNOWN))));
        errors.add(assertFails(ErrorCode.USAGE, () -> vault.rekey(KeyringFile.PASSPHRASE, Secret.of(""))));

        VaultFixture.flipCiphertextByte(VaultFixture.record(home, "openai", "default"), 3);
        errors.add(assertFails(ErrorCode.CREDENTIAL_UNAVAILABLE, () -> store.read("openai", "default")));
        VaultFixture.swap(VaultFixture.record(home, "openai", "other"), VaultFixture.record(home, "github", "default"));
        errors.add(assertFails(ErrorCode.CREDENTIAL_UNAVAILABLE, () -> store.read("openai", "other")));

        // A record that decrypts to something that is not a connection, the secret in its JSON:
        // the parser's complaint must not carry the text it choked on into the message.
        SealedFile bogus = SealedFile.connection(home.resolve("profiles"), DEFAULT, "github", "default");
        bogus.seal(vault.files().unlocker().forRead(), ("{\"secrets\": " + KNOWN + "}").getBytes(StandardCharsets.UTF_8));
        errors.add(assertFails(ErrorCode.CREDENTIAL_UNAVAILABLE, () -> store.read("github", "default")));
        bogus.seal(vault.files().unlocker().forRead(), Json.write(Map.of("secrets", KNOWN)).getBytes(StandardCharsets.UTF_8));
        errors.add(assertFails(ErrorCode.CREDENTIAL_UNAVAILABLE, () -> store.read("github", "default")));

        vault.rekey(KeyringFile.PASSPHRASE, Secret.of(KNOWN));
        errors.add(assertFails(ErrorCode.AUTHENTICATION_FAILED,
                () -> VaultFixture.keyring(home, Secret.of(KNOWN + "-wrong"))));
        errors.add(assertFails(ErrorCode.AUTHENTICATION_FAILED, () -> VaultFixture.defaultStore(home).connections()));

        assertEquals(11, errors.size());
        for (AuthsomeException error : errors) {
            assertFalse(quotesSecret(error.getMessage()), () -> "secret in message: " + error.getMessage());
            assertFalse(quotesSecret(error.nextStep()), () -> "secret in next step: " + error.nextStep());
            assertFalse(quotesSecret(String.valueOf(error)));
        }
    }

    /** Whether {@code text} holds the known secret or any 12 characters of it in a row. */
    private static boolean quotesSecret(String text) {
        for (int i = 0; text != null && i + 12 <= KNOWN.length(); i++) {
            if (text.contains(KNOWN.substring(i, i + 12))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void aDamagedKeyFileIsReportedWithoutQuotingKeyMaterial() throws Exception {
        // A fixed key whose base64 starts with a letter, so that the JSON parser reads it as a token.
        byte[] key = new byte[Keyring.KEY_BYTES];
        new java.util.Random(1).nextBytes(key);
        String encoded = Base64.getEncoder().encodeToString(key);
        VaultFixture.keyringFile(home).writeClear(new Keyring(Map.of("k-test", key), "k-test"));
        VaultFixture.vault(home).profile(DEFAULT).write(apiKey("openai", "default", KNOWN), false);
        String keyFile = Files.readString(home.resolve("master.key"));
        assertTrue(keyFile.contains("\"" + encoded + "\""), keyFile);
        // One lost byte: the quote that opens the key's value.
        Files.writeString(home.resolve("master.key"), keyFile.replace("\"" + encoded + "\"", encoded + "\""));

        AuthsomeException e = assertFails(ErrorCode.CREDENTIAL_UNAVAILABLE,
                () -> VaultFixture.defaultStore(home).connections());

        assertTrue(e.getMessage().contains("master.key"), e.getMessage());
        assertFalse(e.getMessage().contains(encoded.substring(0, 12)), () -> "key material in: " + e.getMessage());
    }

    @Test
    void secretToStringIsRedacted() {
        Secret secret = Secret.of(KNOWN);
        assertEquals("Secret[redacted]", secret.toString());
        assertEquals("Secret[redacted]", String.valueOf(secret));
        assertEquals(KNOWN, secret.reveal());
    }

    @Test
    void connectionToStringDoesNotRevealItsSecrets() throws Exception {
        Connection connection = new Connection("github", "oauth", ConnectionState.CONNECTED,
                Map.of("access_token", Secret.of(KNOWN), "refresh_token", Secret.of(REFRESH)),
                Map.of(Connection.ACCOUNT, "me"), VaultFixture.NOW, VaultFixture.NOW, null);
        String text = connection.toString();
        assertTrue(text.contains("github") && text.contains("access_token") && text.contains("Secret[redacted]"), text);
        assertFalse(text.contains(KNOWN) || text.contains(REFRESH), text);

        ProfileStore store = VaultFixture.vault(home).profile(DEFAULT);
        store.write(connection, false);
        Connection read = store.read("github", "oauth");
        assertFalse(read.toString().contains(KNOWN), read.toString());
        assertFalse(store.connections().toString().contains(KNOWN));
    }

    /** Fails when {@code value}, its UTF-8 hex or its base64 (at any of the 3 alignments) is in any file. */
    private void assertNotOnDisk(String value) throws Exception {
        byte[] plain = value.getBytes(StandardCharsets.UTF_8);
        List<byte[]> needles = new ArrayList<>();
        needles.add(plain);
        needles.add(HexFormat.of().formatHex(plain).getBytes(StandardCharsets.US_ASCII));
        for (int shift = 0; shift < 3; shift++) {
            byte[] shifted = new byte[shift + plain.length];
            System.arraycopy(plain, 0, shifted, shift, plain.length);
            for (Base64.Encoder encoder : List.of(Base64.getEncoder(), Base64.getUrlEncoder())) {
                String encoded = encoder.withoutPadding().encodeToString(shifted);
                // Characters that depend only on the value's bytes: skip the shift's prefix and the tail.
                int from = (shift * 4 + 2) / 3;
                needles.add(encoded.substring(from, encoded.length() - 2).getBytes(StandardCharsets.US_ASCII));
            }
        }
        for (Path file : VaultFixture.files(home)) {
            byte[] content = Files.readAllBytes(file);
            for (byte[] needle : needles) {
                if (indexOf(content, needle) >= 0) {
                    fail(file + " contains " + new String(needle, StandardCharsets.US_ASCII));
                }
            }
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
