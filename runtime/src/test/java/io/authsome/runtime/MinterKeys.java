package io.authsome.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/**
 * An RSA key pair and the files issuers hand out for it: a GitHub App's private key (PKCS#1 PEM)
 * and a Google service account's JSON key file (PKCS#8 PEM in {@code private_key}).
 */
final class MinterKeys {
    private final KeyPair keys;

    private MinterKeys(KeyPair keys) {
        this.keys = keys;
    }

    static MinterKeys generate() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return new MinterKeys(generator.generateKeyPair());
    }

    KeyPair pair() {
        return keys;
    }

    /** The private key as GitHub writes it: {@code -----BEGIN RSA PRIVATE KEY-----}. */
    String pkcs1() throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(keys.getPrivate());
        }
        return text.toString();
    }

    /** The private key as Google writes it: {@code -----BEGIN PRIVATE KEY-----}. */
    String pkcs8() {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(keys.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
    }

    /** Pieces of the private key's text as it appears in the files and anywhere it could leak. */
    List<String> leakMarkers() throws IOException {
        String pkcs1 = pkcs1();
        String pkcs8 = pkcs8();
        String body1 = pkcs1.substring(pkcs1.indexOf('\n') + 1, pkcs1.indexOf("-----END"));
        String body8 = pkcs8.substring(pkcs8.indexOf('\n') + 1, pkcs8.indexOf("-----END"));
        return List.of(body1.substring(64, 128), body1.substring(body1.length() / 2, body1.length() / 2 + 40),
                body8.substring(64, 128), body8.substring(body8.length() / 2, body8.length() / 2 + 40));
    }

    /** Writes the GitHub App's {@code .pem} into {@code dir}. */
    Path writeGitHubKey(Path dir) throws IOException {
        return Files.writeString(dir.resolve("my-app.2026-12-02.private-key.pem"), pkcs1());
    }

    /** Writes a service account's JSON key file into {@code dir}, its {@code token_uri} given. */
    Path writeGoogleKeyFile(Path dir, String tokenUri) throws IOException {
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("type", "service_account");
        file.put("project_id", "authsome-test");
        file.put("private_key_id", "0f1e2d3c4b5a69788796a5b4c3d2e1f0a1b2c3d4");
        file.put("private_key", pkcs8());
        file.put("client_email", FakeTokenIssuer.SERVICE_ACCOUNT);
        file.put("client_id", "109876543210987654321");
        file.put("auth_uri", "https://accounts.google.com/o/oauth2/auth");
        file.put("token_uri", tokenUri);
        return Files.writeString(dir.resolve("authsome-test-robot.json"),
                new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(file));
    }
}
