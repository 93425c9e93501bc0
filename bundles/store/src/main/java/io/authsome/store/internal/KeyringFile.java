package io.authsome.store.internal;

import io.authsome.common.seal.PassphraseWrap;
import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.vault.Secret;
import io.authsome.common.files.PrivateFiles;
import io.authsome.common.json.Json;
import io.authsome.common.json.MalformedJsonException;
import io.authsome.common.seal.Keyring;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code master.key}: the keyring, in the clear (key-file mode; the file's 0600 mode protects
 * it) and/or wrapped under one or more passphrases (passphrase mode). During a rekey the file
 * holds both the old and the new way in, each giving every key, so the vault opens with either
 * secret whatever moment the rekey was interrupted at. Written atomically.
 */
final class KeyringFile {
    /** Where the passphrase comes from, asked only when the keyring is wrapped. */
    interface PassphraseSource {
        Secret get() throws AuthsomeException;
    }

    static final String KEY_FILE = "key-file";
    static final String PASSPHRASE = "passphrase";
    private static final String MAGIC = "authsome-keyring";

    private final Path path;

    KeyringFile(Path path) {
        this.path = path;
    }

    Path path() {
        return path;
    }

    boolean exists() {
        return Files.exists(path);
    }

    /** The mode the file is in (or moving to): {@value #KEY_FILE} or {@value #PASSPHRASE}. */
    String mode() throws AuthsomeException {
        return String.valueOf(read().get("mode"));
    }

    /** Whether the file holds the keyring in the clear (key-file mode, or a move to or from it). */
    boolean hasClearKeyring() throws AuthsomeException {
        return read().get("keyring") instanceof Map;
    }

    /**
     * A keyring as opened, and whether its wrap should be rewritten in the current format.
     *
     * @param keyring the keys
     * @param legacy  the file's bytes when it holds just one wrap, of the old (Jasypt) format, and
     *                no clear keyring: what {@link #upgrade} replaces; else {@code null}
     */
    record Opened(Keyring keyring, byte[] legacy) {
    }

    /**
     * Opens the keyring.
     *
     * @param passphrase asked only when the file holds no clear keyring
     * @throws AuthsomeException {@code AUTHENTICATION_FAILED} for a wrong passphrase,
     *                           {@code CREDENTIAL_UNAVAILABLE} for a damaged file or wrap
     */
    Opened open(PassphraseSource passphrase) throws AuthsomeException {
        byte[] bytes = readBytes();
        Map<String, Object> file = parseFile(bytes);
        if (file.get("keyring") instanceof Map<?, ?> clear) {
            return new Opened(parse(clear), null);
        }
        if (!(file.get("wraps") instanceof List<?> wraps) || wraps.isEmpty()) {
            throw damaged("it holds no keyring");
        }
        Secret secret = passphrase.get();
        AuthsomeException damage = null;
        for (Object wrap : wraps) {
            Map<String, Object> keyring;
            try {
                keyring = unwrap(wrap, secret);
            } catch (AuthsomeException e) {
                damage = e; // mid-rekey, another wrap may still open
                continue;
            }
            if (keyring != null) {
                boolean legacy = wrap instanceof String && wraps.size() == 1;
                return new Opened(parse(keyring), legacy ? bytes : null);
            }
        }
        if (damage != null) {
            throw damage;
        }
        throw new AuthsomeException(ErrorCode.AUTHENTICATION_FAILED, "wrong passphrase for the vault at " + path
                + "; nothing was changed", "run again with the right AUTHSOME_PASSPHRASE");
    }

    /**
     * Rewrites a file of the old format, as {@link #open} found it, with the same keyring under
     * the same passphrase in the current format. Does nothing when the file changed since (a
     * rekey by another process). Call under the vault lock.
     *
     * @return whether the file was rewritten
     */
    boolean upgrade(Opened opened, Secret passphrase) throws AuthsomeException {
        if (opened.legacy() == null || !Arrays.equals(opened.legacy(), readBytes())) {
            return false;
        }
        writeWrapped(opened.keyring(), List.of(passphrase), false);
        return true;
    }

    /** The keyring JSON in one wrap, or {@code null} when {@code secret} does not open it. */
    private Map<String, Object> unwrap(Object wrap, Secret secret) throws AuthsomeException {
        try {
            byte[] clear = wrap instanceof Map<?, ?> current ? PassphraseWrap.unwrap(current, secret)
                    : wrap instanceof String old ? JasyptWrap.unwrap(Base64.getDecoder().decode(old), secret)
                    : null;
            if (clear == null) {
                return null;
            }
            Map<String, Object> keyring = Json.parseObject(clear);
            if (!MAGIC.equals(keyring.get("magic"))) {
                throw new PassphraseWrap.DamagedWrapException("it opens to something that is not a keyring");
            }
            return keyring;
        } catch (MalformedJsonException | IllegalArgumentException e) {
            if (wrap instanceof String) {
                return null; // an old wrap under another passphrase can decrypt to garbage by chance
            }
            throw unwrapFailed(e.getMessage());
        } catch (PassphraseWrap.DamagedWrapException e) {
            throw unwrapFailed(e.getMessage());
        }
    }

    /** Writes {@code keyring} in the clear (key-file mode). */
    void writeClear(Keyring keyring) throws AuthsomeException {
        Map<String, Object> file = header(KEY_FILE);
        file.put("keyring", body(keyring));
        write(file);
    }

    /**
     * Writes {@code keyring} wrapped under each passphrase, and also in the clear when
     * {@code alsoClear} (a switch away from key-file mode that is not finished yet).
     */
    void writeWrapped(Keyring keyring, List<Secret> passphrases, boolean alsoClear) throws AuthsomeException {
        Map<String, Object> file = header(PASSPHRASE);
        if (alsoClear) {
            file.put("keyring", body(keyring));
        }
        List<Map<String, Object>> wraps = new ArrayList<>();
        byte[] clear = Json.write(body(keyring)).getBytes(StandardCharsets.UTF_8);
        for (Secret passphrase : passphrases) {
            wraps.add(PassphraseWrap.wrap(clear, passphrase));
        }
        file.put("wraps", wraps);
        write(file);
    }

    private static Map<String, Object> header(String mode) {
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("version", 1);
        file.put("mode", mode);
        return file;
    }

    private static Map<String, Object> body(Keyring keyring) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("magic", MAGIC);
        body.putAll(keyring.toJson());
        return body;
    }

    private Keyring parse(Map<?, ?> json) throws AuthsomeException {
        try {
            return Keyring.fromJson(json);
        } catch (IllegalArgumentException | ClassCastException e) {
            throw damaged(e.getMessage());
        }
    }

    private Map<String, Object> read() throws AuthsomeException {
        return parseFile(readBytes());
    }

    private byte[] readBytes() throws AuthsomeException {
        try {
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw VaultErrors.keyMissing(path);
        } catch (IOException e) {
            throw damaged(e.getMessage());
        }
    }

    private Map<String, Object> parseFile(byte[] bytes) throws AuthsomeException {
        try {
            return Json.parseObject(bytes);
        } catch (MalformedJsonException e) {
            throw damaged(e.getMessage());
        }
    }

    private void write(Map<String, Object> file) throws AuthsomeException {
        try {
            PrivateFiles.writeAtomically(path, Json.write(file).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AuthsomeException(ErrorCode.UNEXPECTED, "cannot write " + path + ": " + e.getMessage(),
                    "authsome doctor");
        }
    }

    private AuthsomeException damaged(String reason) {
        return new AuthsomeException(ErrorCode.CREDENTIAL_UNAVAILABLE, "the vault key " + path
                + " is damaged (" + reason + ")", VaultErrors.RESTORE_KEY + path + " from a backup");
    }

    private AuthsomeException unwrapFailed(String reason) {
        return new AuthsomeException(ErrorCode.CREDENTIAL_UNAVAILABLE, "the vault key in " + path
                + " could not be unwrapped: " + reason + "; nothing was changed",
                VaultErrors.RESTORE_KEY + path + " from a backup");
    }
}
