package io.authsome.common.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RsaPrivateKeysTest {
    static KeyPair keys;

    @BeforeAll
    static void keys() throws Exception {
        keys = TestPem.rsa(2048);
    }

    @Test
    void readsPkcs1AsGitHubWritesIt() throws Exception {
        RSAPrivateCrtKey key = RsaPrivateKeys.parse(TestPem.pkcs1(keys));
        assertEquals(((RSAPublicKey) keys.getPublic()).getModulus(), key.getModulus());
        assertEquals(keys.getPrivate(), key);
    }

    @Test
    void readsPkcs8AsGoogleWritesIt() throws Exception {
        assertEquals(keys.getPrivate(), RsaPrivateKeys.parse(TestPem.pkcs8(keys)));
    }

    @Test
    void readsAKeyAmongOtherBlocksWithWindowsLineEndsOrEscapedLineBreaks() throws Exception {
        String certificateFirst = TestPem.pem("CERTIFICATE", new byte[] {1, 2, 3}) + TestPem.pkcs1(keys);
        assertEquals(keys.getPrivate(), RsaPrivateKeys.parse(certificateFirst));
        assertEquals(keys.getPrivate(), RsaPrivateKeys.parse(TestPem.pkcs8(keys).replace("\n", "\r\n")));
        // a private_key copied out of a JSON key file, its line breaks still escaped
        assertEquals(keys.getPrivate(), RsaPrivateKeys.parse(TestPem.pkcs8(keys).replace("\n", "\\n")));
    }

    @Test
    void refusesEncryptedKeysSayingHowToDecryptThem() {
        String body = Base64.getEncoder().encodeToString(new byte[64]);
        String legacy = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00112233\n\n"
                + body + "\n-----END RSA PRIVATE KEY-----\n";
        assertRefused(legacy, "encrypted with a passphrase", "openssl rsa");
        assertRefused(TestPem.pem("ENCRYPTED PRIVATE KEY", new byte[64]), "encrypted with a passphrase",
                "openssl pkcs8");
    }

    @Test
    void refusesKeysOfOtherAlgorithms() throws Exception {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(256);
        assertRefused(TestPem.pem("PRIVATE KEY", ec.generateKeyPair().getPrivate().getEncoded()), "an EC key",
                "RS256 needs RSA");
        assertRefused(TestPem.pem("PRIVATE KEY", KeyPairGenerator.getInstance("Ed25519").generateKeyPair()
                .getPrivate().getEncoded()), "an Ed25519 key");
        assertRefused(TestPem.pem("EC PRIVATE KEY", new byte[32]), "an EC key");
        assertRefused(TestPem.pem("OPENSSH PRIVATE KEY", new byte[32]), "OpenSSH", "ssh-keygen");
    }

    @Test
    void refusesShortKeys() throws Exception {
        assertRefused(TestPem.pkcs1(TestPem.rsa(1024)), "a 1024-bit RSA key", "at least 2048 bits");
    }

    @Test
    void refusesWhatIsNoPrivateKey() {
        assertRefused("", "not a PEM private key");
        assertRefused("hello, this is not a key", "not a PEM private key");
        assertRefused("{\"type\": \"service_account\"}", "not a PEM private key");
        assertRefused(TestPem.pem("CERTIFICATE", new byte[] {1, 2, 3}), "a PEM certificate, not a private key");
        assertRefused(TestPem.pem("PUBLIC KEY", keys.getPublic().getEncoded()), "a PEM public key");
    }

    @Test
    void refusesDamagedKeysWithoutQuotingThem() {
        String pkcs1 = TestPem.pkcs1(keys);
        String body = pkcs1.substring(pkcs1.indexOf('\n') + 1, pkcs1.indexOf("-----END"));
        String truncated = pkcs1.substring(0, pkcs1.length() / 2);
        assertRefused(truncated, "no END line");
        String notBase64 = pkcs1.replace(body.substring(10, 20), "!!!!!!!!!!");
        assertRefused(notBase64, "not base64");
        String cut = "-----BEGIN RSA PRIVATE KEY-----\n" + body.substring(0, 400).strip()
                + "\n-----END RSA PRIVATE KEY-----\n";
        assertRefused(cut, "PKCS#1 RSA private key is damaged");
        String pkcs8 = TestPem.pkcs8(keys);
        String damaged8 = TestPem.pem("PRIVATE KEY", new byte[] {0x30, 0x03, 0x02, 0x01, 0x00});
        assertRefused(damaged8, "PKCS#8 private key is damaged");
        for (String bad : new String[] {truncated, notBase64, cut, pkcs8.substring(0, 300)}) {
            String message = assertThrows(KeyFormatException.class, () -> RsaPrivateKeys.parse(bad)).getMessage();
            for (int i = 0; i + 16 < body.length(); i += 16) {
                String piece = body.substring(i, i + 16);
                assertFalse(piece.contains("\n") ? false : message.contains(piece), "the message quotes the key: " + message);
            }
        }
    }

    private static void assertRefused(String pem, String... words) {
        KeyFormatException refused = assertThrows(KeyFormatException.class, () -> RsaPrivateKeys.parse(pem));
        for (String word : words) {
            assertTrue(refused.getMessage().contains(word), refused.getMessage());
        }
    }
}
