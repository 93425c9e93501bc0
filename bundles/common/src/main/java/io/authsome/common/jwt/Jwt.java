package io.authsome.common.jwt;

import io.authsome.common.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Map;

/**
 * Signs JSON Web Tokens (RFC 7519) with RS256: the header {@code {"alg":"RS256","typ":"JWT"}},
 * the claims as compact JSON in the order given, each part base64url without padding, signed
 * with SHA256withRSA. What a GitHub App presents as itself and what a Google service account
 * exchanges for an access token (RFC 7523). Thread-safe.
 */
public final class Jwt {
    private static final String HEADER = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private Jwt() {
    }

    /**
     * The signed token of {@code claims} (strings, numbers, booleans, lists and maps of them).
     *
     * @throws IllegalStateException when the JDK cannot sign with {@code key} (not an RSA key)
     */
    public static String rs256(Map<String, ?> claims, PrivateKey key) {
        String signingInput = part(HEADER) + "." + part(Json.writeLine(claims));
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + BASE64URL.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a JWT with SHA256withRSA: " + e.getClass().getSimpleName());
        }
    }

    private static String part(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
