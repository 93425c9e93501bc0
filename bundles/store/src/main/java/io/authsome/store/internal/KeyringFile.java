package io.authsome.store.internal;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.home.PrivateFiles;
import io.authsome.api.json.Json;
import io.authsome.api.json.MalformedJsonException;
import io.authsome.api.vault.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
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
     * Opens the keyring.
     *
     * @param passphrase asked only when the file holds no clear keyring
     * @throws AuthsomeException {@code AUTHENTICATION_FAILED} for a wrong passphrase
     */
    Keyring open(PassphraseSource passphrase) throws AuthsomeException {
        Map<String, Object> file = read();
        if (file.get("keyring") instanceof Map<?, ?> clear) {
            return parse(clear);
        }
        if (!(file.get("wraps") instanceof List<?> wraps) || wraps.isEmpty()) {
            throw damaged("it holds no keyring");
        }
        Secret secret = passphrase.get();
        for (Object wrap : wraps) {
            byte[] bytes = PassphraseWrap.unwrap(Base64.getDecoder().decode(String.valueOf(wrap)), secret);
            if (bytes != null) {
                try {
                    Map<String, Object> keyring = Json.parseObject(bytes);
                    if (MAGIC.equals(keyring.get("magic"))) {
                        return parse(keyring);
                    }
                } catch (MalformedJsonException wrongPassphrase) {
                    // A wrong passphrase can decrypt to garbage by chance; try the next wrap.
                }
            }
        }
        throw new AuthsomeException(ErrorCode.AUTHENTICATION_FAILED, "wrong passphrase for the vault at " + path
                + "; nothing was changed", "run again with the right AUTHSOME_PASSPHRASE");
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
        List<String> wraps = new ArrayList<>();
        byte[] clear = Json.write(body(keyring)).getBytes(StandardCharsets.UTF_8);
        for (Secret passphrase : passphrases) {
            wraps.add(Base64.getEncoder().encodeToString(PassphraseWrap.wrap(clear, passphrase)));
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
        try {
            return Json.parseObject(Files.readAllBytes(path));
        } catch (NoSuchFileException e) {
            throw new AuthsomeException(ErrorCode.CREDENTIAL_UNAVAILABLE, "the vault key " + path + " is missing",
                    "restore it from a backup; without it the vault cannot be decrypted");
        } catch (IOException | MalformedJsonException e) {
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
                + " is damaged (" + reason + ")", "restore it from a backup; authsome doctor");
    }
}
