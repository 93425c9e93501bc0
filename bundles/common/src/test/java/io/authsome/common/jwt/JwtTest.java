package io.authsome.common.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.authsome.common.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JwtTest {
    @Test
    void signsRs256WithTheFixedHeaderAndTheClaimsInOrder() throws Exception {
        KeyPair keys = TestPem.rsa(2048);
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iat", 1_700_000_000L);
        claims.put("exp", 1_700_000_540L);
        claims.put("iss", "12345");
        claims.put("scope", "a b/c?d=é");
        String jwt = Jwt.rs256(claims, RsaPrivateKeys.parse(TestPem.pkcs1(keys)));

        String[] parts = jwt.split("\\.");
        assertEquals(3, parts.length, jwt);
        for (String part : parts) {
            assertTrue(part.matches("[A-Za-z0-9_-]+"), "base64url without padding: " + part);
        }
        Base64.Decoder base64url = Base64.getUrlDecoder();
        assertEquals("{\"alg\":\"RS256\",\"typ\":\"JWT\"}", new String(base64url.decode(parts[0]), StandardCharsets.UTF_8));
        assertEquals("{\"iat\":1700000000,\"exp\":1700000540,\"iss\":\"12345\",\"scope\":\"a b/c?d=é\"}",
                new String(base64url.decode(parts[1]), StandardCharsets.UTF_8));
        assertEquals(claims, Json.parseObject(base64url.decode(parts[1])));

        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(keys.getPublic());
        verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(verifier.verify(base64url.decode(parts[2])), "the signature verifies with the public key");

        KeyPair other = TestPem.rsa(2048);
        verifier.initVerify(other.getPublic());
        verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertFalse(verifier.verify(base64url.decode(parts[2])), "another key's signature does not verify");
    }
}
