package io.authsome.store.internal;

import io.authsome.common.seal.PassphraseWrap;
import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.home.HomeLayout;
import io.authsome.api.vault.Connection;
import io.authsome.api.vault.ProfileStore;
import io.authsome.api.vault.Secret;
import io.authsome.common.json.Json;
import io.authsome.common.json.MalformedJsonException;
import io.authsome.common.seal.Keyring;
import io.authsome.common.seal.RecordCipher;
import io.authsome.common.seal.RecordCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Shared test helpers for the vault: vaults on a temporary home without OSGi, connections, the
 * files of the on-disk layout, envelope surgery, and opening a vault with a chosen secret (the
 * {@link Unlocker} itself only takes a passphrase from the environment or a console).
 */
final class VaultFixture {
    static final Instant NOW = Instant.parse("2025-01-02T03:04:05Z");
    static final String DEFAULT = "default";

    private VaultFixture() {
    }

    // ---- vaults -------------------------------------------------------------------------------

    /** A fresh vault component on {@code home}, as the framework would activate it. */
    static VaultComponent vault(Path home) {
        VaultComponent vault = new VaultComponent();
        vault.activate(new HomeLayout(home));
        return vault;
    }

    static ProfileStore defaultStore(Path home) throws AuthsomeException {
        return vault(home).profile(DEFAULT);
    }

    /**
     * The store of {@code profile} opened with {@code secret}: {@code null} for a key-file vault
     * (the clear keyring in {@code master.key}), else the passphrase. This is what another process
     * would get with that secret, through the real read path of {@link FileProfileStore}.
     */
    static FileProfileStore storeWith(Path home, String profile, Secret secret) throws AuthsomeException {
        return storeWith(home, profile, keyring(home, secret));
    }

    /** The store of {@code profile} reading and writing with {@code keyring}. */
    static FileProfileStore storeWith(Path home, String profile, Keyring keyring) {
        RecordCipher cipher = new RecordCipher(keyring);
        CipherSource fixed = new CipherSource() {
            @Override
            public Path keyFile() {
                return home.resolve("master.key");
            }

            @Override
            public RecordCipher forRead() {
                return cipher;
            }

            @Override
            public RecordCipher forWrite() {
                return cipher;
            }
        };
        return new FileProfileStore(home.resolve("profiles"), profile, fixed, new VaultLock(home.resolve("vault.lock")), new OpenedRecords());
    }

    /** Opens {@code master.key} with {@code secret} ({@code null}: no passphrase known). */
    static Keyring keyring(Path home, Secret secret) throws AuthsomeException {
        return keyringFile(home).open(() -> {
            if (secret == null) {
                throw new AuthsomeException(ErrorCode.AUTHENTICATION_FAILED, "test: no passphrase given");
            }
            return secret;
        }).keyring();
    }

    /** Whether {@code master.key} opens with {@code secret}; any other failure propagates. */
    static boolean opensWith(Path home, Secret secret) throws AuthsomeException {
        try {
            keyring(home, secret);
            return true;
        } catch (AuthsomeException e) {
            if (e.code() == ErrorCode.AUTHENTICATION_FAILED) {
                return false;
            }
            throw e;
        }
    }

    /** Whether one of the passphrase wraps of {@code master.key} opens with {@code passphrase}. */
    static boolean unwraps(Path home, Secret passphrase) {
        for (Object wrap : masterKey(home).get("wraps") instanceof List<?> wraps ? wraps : List.of()) {
            try {
                byte[] clear = wrap instanceof Map<?, ?> current ? PassphraseWrap.unwrap(current, passphrase)
                        : JasyptWrap.unwrap(Base64.getDecoder().decode((String) wrap), passphrase);
                // An old wrap decrypts to garbage now and then under a wrong passphrase (valid padding by chance).
                if (clear != null && "authsome-keyring".equals(Json.parseObject(clear).get("magic"))) {
                    return true;
                }
            } catch (MalformedJsonException | PassphraseWrap.DamagedWrapException notThisOne) {
                // Not this passphrase.
            }
        }
        return false;
    }

    /**
     * Writes {@code master.key} as authsome 0.1 did in passphrase mode: one Jasypt wrap
     * (PBKDF2-HMAC-SHA512, AES-256-CBC) of {@code keyring} under {@code passphrase}.
     */
    static void writeJasyptKeyFile(Path home, Keyring keyring, Secret passphrase) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("magic", "authsome-keyring");
        body.putAll(keyring.toJson());
        byte[] wrapped = JasyptWrap.encryptor(passphrase).encrypt(Json.write(body).getBytes(StandardCharsets.UTF_8));
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("version", 1);
        file.put("mode", KeyringFile.PASSPHRASE);
        file.put("wraps", List.of(Base64.getEncoder().encodeToString(wrapped)));
        writePrivate(home.resolve("master.key"), Json.write(file).getBytes(StandardCharsets.UTF_8));
    }

    static KeyringFile keyringFile(Path home) {
        return new KeyringFile(home.resolve("master.key"));
    }

    // ---- connections --------------------------------------------------------------------------

    static Connection apiKey(String provider, String name, String key) {
        return Connection.apiKey(provider, name, Secret.of(key), Map.of(), NOW);
    }

    static Connection apiKey(String provider, String name, String key, Map<String, String> attributes) {
        return Connection.apiKey(provider, name, Secret.of(key), attributes, NOW);
    }

    /** The API key the fixtures give {@code provider/name} unless a test chooses one. */
    static String keyOf(String provider, String name) {
        return "sk-" + provider + "-" + name + "-value";
    }

    /**
     * Fills {@code profile} with {@code count} connections ({@code p<i%providers>/c<i>}) without
     * the per-write fsyncs of {@link FileProfileStore#write}: records and index are sealed with
     * the vault's current keyring exactly as the store seals them. The vault must exist.
     *
     * @return provider/name to API key
     */
    static Map<String, String> populate(Path home, String profile, Secret secret, int count, int providers)
            throws Exception {
        RecordCipher cipher = new RecordCipher(keyring(home, secret));
        Path profiles = home.resolve("profiles");
        ProfileIndex index = new ProfileIndex();
        Map<String, String> keys = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String provider = "p" + (i % providers);
            String name = "c" + i;
            Connection connection = apiKey(provider, name, keyOf(provider, name), Map.of("n", Integer.toString(i)));
            SealedFile record = SealedFile.connection(profiles, profile, provider, name);
            Files.createDirectories(record.path().getParent());
            writePrivate(record.path(), Json.write(cipher.seal(Json.write(RecordCodec.toJson(connection))
                    .getBytes(StandardCharsets.UTF_8), record.identity())).getBytes(StandardCharsets.UTF_8));
            index.put(connection);
            keys.put(provider + "/" + name, keyOf(provider, name));
        }
        SealedFile.index(profiles, profile).seal(cipher, Json.write(index.toJson()).getBytes(StandardCharsets.UTF_8));
        return keys;
    }

    /** A new key-file vault with {@link #populate populated} connections in the default profile. */
    static Map<String, String> keyFileVault(Path home, int count) throws Exception {
        keyringFile(home).writeClear(Keyring.generate());
        return populate(home, DEFAULT, null, count, 3);
    }

    /** Reads every connection of {@code expected} (provider/name to API key) from {@code store}. */
    static void assertAllRead(ProfileStore store, Map<String, String> expected) throws AuthsomeException {
        assertEquals(expected.size(), store.connections().size(), "connections listed in profile " + store.name());
        for (Map.Entry<String, String> entry : expected.entrySet()) {
            String[] id = entry.getKey().split("/", 2);
            Connection connection = store.read(id[0], id[1]);
            assertEquals(entry.getValue(), connection.secrets().get(Connection.API_KEY).reveal(),
                    "API key of " + entry.getKey());
        }
    }

    static AuthsomeException assertFails(ErrorCode code, Executable action) {
        AuthsomeException e = assertThrows(AuthsomeException.class, action);
        assertEquals(code, e.code(), () -> "error code of: " + e.getMessage());
        return e;
    }

    // ---- files --------------------------------------------------------------------------------

    static Path record(Path home, String profile, String provider, String name) {
        return SealedFile.connection(home.resolve("profiles"), profile, provider, name).path();
    }

    static Path record(Path home, String provider, String name) {
        return record(home, DEFAULT, provider, name);
    }

    static Path index(Path home, String profile) {
        return SealedFile.index(home.resolve("profiles"), profile).path();
    }

    /** Every regular file under {@code root}. */
    static List<Path> files(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every sealed file ({@code *.rec}) under {@code home}. */
    static List<Path> sealedFiles(Path home) {
        return files(home).stream().filter(p -> p.getFileName().toString().endsWith(SealedFile.SUFFIX)).toList();
    }

    static Map<String, Object> envelope(Path file) throws IOException, MalformedJsonException {
        return Json.parseObject(Files.readAllBytes(file));
    }

    static void writeEnvelope(Path file, Map<String, Object> envelope) throws IOException {
        Files.writeString(file, Json.write(envelope));
    }

    static String kid(Path file) throws IOException, MalformedJsonException {
        return (String) envelope(file).get("kid");
    }

    /** Flips one bit of the decoded ciphertext at {@code index} and writes the envelope back. */
    static void flipCiphertextByte(Path file, int index) throws IOException, MalformedJsonException {
        Map<String, Object> envelope = envelope(file);
        byte[] ct = Base64.getDecoder().decode((String) envelope.get("ct"));
        ct[Math.floorMod(index, ct.length)] ^= 0x01;
        envelope.put("ct", Base64.getEncoder().encodeToString(ct));
        writeEnvelope(file, envelope);
    }

    /** Flips the lowest bit of the raw file byte at {@code offset}. */
    static void flipFileByte(Path file, int offset) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[offset] ^= 0x01;
        Files.write(file, bytes);
    }

    /** Swaps the contents of two files. */
    static void swap(Path a, Path b) throws IOException {
        Path temp = a.resolveSibling(a.getFileName() + ".swap");
        Files.move(a, temp);
        Files.move(b, a);
        Files.move(temp, b);
    }

    static void writePrivate(Path file, byte[] content) throws IOException {
        Files.write(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    /** Copies the tree {@code from} to {@code to} (which must not exist). */
    static void copyTree(Path from, Path to) throws IOException {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(from)) {
            paths = walk.toList();
        }
        for (Path source : paths) {
            Path target = to.resolve(from.relativize(source).toString());
            if (Files.isDirectory(source)) {
                Files.createDirectories(target);
            } else {
                Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    /** The {@code master.key} JSON. */
    static Map<String, Object> masterKey(Path home) {
        try {
            return Json.parseObject(Files.readAllBytes(home.resolve("master.key")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MalformedJsonException e) {
            return fail("master.key does not parse: " + e.getMessage());
        }
    }

    /** How many passphrase wraps {@code master.key} holds. */
    static int wrapCount(Map<String, Object> masterKey) {
        return masterKey.get("wraps") instanceof List<?> wraps ? wraps.size() : 0;
    }

    /** The key ids of every sealed file under {@code home}. */
    static List<String> kids(Path home) throws IOException, MalformedJsonException {
        List<String> kids = new ArrayList<>();
        for (Path file : sealedFiles(home)) {
            kids.add(kid(file));
        }
        return kids;
    }
}
