package io.authsome.store.internal.agent;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Agent credentials: made of {@value #CREDENTIAL_BYTES} random bytes (URL-safe Base64, so they fit
 * the user-info of a proxy URL as they are), kept only as SHA-256 over a per-agent salt and the
 * credential. A salted fast hash is enough for a secret of 256 random bits: nobody can guess one,
 * so there is nothing to slow down, and every proxied request checks one. Comparisons take
 * constant time.
 */
final class AgentCredentials {
    /** Random bytes in a credential. */
    static final int CREDENTIAL_BYTES = 32;
    /** Random bytes in a salt. */
    static final int SALT_BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private AgentCredentials() {
    }

    /** A new credential: {@value #CREDENTIAL_BYTES} random bytes, URL-safe Base64 without padding. */
    static String generate() {
        return ENCODER.encodeToString(random(CREDENTIAL_BYTES));
    }

    /** A new salt. */
    static byte[] salt() {
        return random(SALT_BYTES);
    }

    /** SHA-256 of {@code salt} followed by the credential's UTF-8 bytes. */
    static byte[] hash(byte[] salt, String credential) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(salt);
            digest.update(credential.getBytes(StandardCharsets.UTF_8));
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Whether {@code credential} hashes to {@code expected} with {@code salt}, in constant time. */
    static boolean matches(byte[] salt, byte[] expected, String credential) {
        return MessageDigest.isEqual(hash(salt, credential), expected);
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
