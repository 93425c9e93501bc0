package io.authsome.oauth.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * One authorization request's secrets (RFC 7636): the code verifier, its S256 challenge, and the
 * random {@code state} the callback must return.
 *
 * @param verifier  the code verifier (43 characters of base64url)
 * @param challenge {@code BASE64URL(SHA256(verifier))}
 * @param state     an unguessable value tying the callback to this request
 */
record Pkce(String verifier, String challenge, String state) {
    private static final SecureRandom RANDOM = new SecureRandom();

    static Pkce generate() {
        String verifier = random(32);
        return new Pkce(verifier, challengeOf(verifier), random(24));
    }

    static String challengeOf(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    @Override
    public String toString() {
        return "Pkce[redacted]";
    }
}
