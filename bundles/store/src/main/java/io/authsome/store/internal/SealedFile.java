package io.authsome.store.internal;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.common.files.PrivateFiles;
import io.authsome.common.json.Json;
import io.authsome.common.json.MalformedJsonException;
import io.authsome.common.seal.RecordCipher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * One encrypted file of the vault and the identity its ciphertext is bound to. The identity
 * follows from where the file lives, so a file copied or renamed to another place no longer
 * decrypts.
 *
 * @param path     the file
 * @param identity what the ciphertext is bound to
 */
record SealedFile(Path path, String identity) {
    static final String SUFFIX = ".rec";

    /** The profile index of {@code profile} under {@code profiles}. */
    static SealedFile index(Path profiles, String profile) {
        return new SealedFile(profiles.resolve(profile).resolve("index" + SUFFIX), "authsome/index/" + profile);
    }

    /** One connection record. */
    static SealedFile connection(Path profiles, String profile, String provider, String name) {
        return new SealedFile(profiles.resolve(profile).resolve("connections").resolve(provider).resolve(name + SUFFIX),
                "authsome/connection/" + profile + "/" + provider + "/" + name);
    }

    /** The OAuth client record of a provider. */
    static SealedFile client(Path profiles, String profile, String provider) {
        return new SealedFile(profiles.resolve(profile).resolve("clients").resolve(provider + SUFFIX),
                "authsome/client/" + profile + "/" + provider);
    }

    /**
     * A client of a provider kept for the connections that still use it after a later client
     * replaced it: {@code clients/<provider>@<digest of the client id>.rec}. Provider names cannot
     * hold {@code @}, so it never meets a current client's file.
     */
    static SealedFile keptClient(Path profiles, String profile, String provider, String clientId) {
        return client(profiles, profile, keptStem(provider, clientId));
    }

    /** The file name stem of {@link #keptClient}; the prefix every kept client of {@code provider} has is {@code provider + "@"}. */
    static String keptStem(String provider, String clientId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(clientId.getBytes(StandardCharsets.UTF_8));
            return provider + "@" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /** The sealed file at {@code path}, recognised by its place under {@code profiles}; {@code null} if none. */
    static SealedFile at(Path profiles, Path path) {
        Path relative = profiles.relativize(path);
        String file = relative.getFileName().toString();
        if (!file.endsWith(SUFFIX)) {
            return null;
        }
        String stem = file.substring(0, file.length() - SUFFIX.length());
        if (relative.getNameCount() == 2 && stem.equals("index")) {
            return index(profiles, relative.getName(0).toString());
        }
        if (relative.getNameCount() == 3 && relative.getName(1).toString().equals("clients")) {
            return client(profiles, relative.getName(0).toString(), stem);
        }
        if (relative.getNameCount() == 4 && relative.getName(1).toString().equals("connections")) {
            return connection(profiles, relative.getName(0).toString(), relative.getName(2).toString(), stem);
        }
        return null;
    }

    /** Every sealed file of every profile under {@code profiles}. */
    static List<SealedFile> all(Path profiles) throws AuthsomeException {
        if (!Files.isDirectory(profiles)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.walk(profiles)) {
            return paths.filter(Files::isRegularFile).map(path -> at(profiles, path)).filter(Objects::nonNull).toList();
        } catch (IOException e) {
            throw new AuthsomeException(ErrorCode.UNEXPECTED, "cannot list " + profiles + ": " + e.getMessage(),
                    "authsome doctor");
        }
    }

    boolean exists() {
        return Files.exists(path);
    }

    Map<String, Object> envelope() throws IOException, MalformedJsonException {
        return Json.parseObject(Files.readAllBytes(path));
    }

    byte[] open(RecordCipher cipher) throws IOException, MalformedJsonException, RecordCipher.UnreadableRecordException {
        return cipher.open(envelope(), identity);
    }

    void seal(RecordCipher cipher, byte[] plaintext) throws IOException {
        PrivateFiles.writeAtomically(path, Json.writeLine(cipher.seal(plaintext, identity)).getBytes(StandardCharsets.UTF_8));
    }
}
