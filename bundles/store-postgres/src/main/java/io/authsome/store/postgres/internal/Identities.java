package io.authsome.store.postgres.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What each sealed value of the store is bound to (its associated data), so that a value copied
 * to another row, or two values swapped, no longer decrypt; and the digests that name rows and
 * locks without a secret.
 */
final class Identities {
    private Identities() {
    }

    /** A connection's record: the identity the file vault gives it too. */
    static String connection(String profile, String provider, String name) {
        return "authsome/connection/" + profile + "/" + provider + "/" + name;
    }

    /** The facts that list a connection without opening its record. */
    static String info(String profile, String provider, String name) {
        return "authsome/info/" + profile + "/" + provider + "/" + name;
    }

    /** An OAuth client record, by the {@link #clientKey} of its id. */
    static String client(String profile, String provider, String clientKey) {
        return "authsome/client/" + profile + "/" + provider + "/" + clientKey;
    }

    /** A custom provider definition of the team. */
    static String provider(String name) {
        return "authsome/provider/" + name;
    }

    /** The row key of an OAuth client: a digest of its id (16 hex digits). */
    static String clientKey(String clientId) {
        return HexFormat.of().formatHex(sha256(clientId), 0, 8);
    }

    /** A 64-bit advisory lock key for {@code name}. */
    static long lockKey(String name) {
        return ByteBuffer.wrap(sha256(name)).getLong();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
