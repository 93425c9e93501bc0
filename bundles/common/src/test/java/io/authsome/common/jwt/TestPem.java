package io.authsome.common.jwt;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/** Keys for the tests, written as PEM the way issuers hand them out. */
final class TestPem {
    private TestPem() {
    }

    static KeyPair rsa(int bits) throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits);
        return generator.generateKeyPair();
    }

    static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    /** PKCS#8, as Google writes it. */
    static String pkcs8(KeyPair keys) {
        return pem("PRIVATE KEY", keys.getPrivate().getEncoded());
    }

    /** PKCS#1, as GitHub writes it: the RSAPrivateKey inside the JDK's PKCS#8 encoding. */
    static String pkcs1(KeyPair keys) {
        return pem("RSA PRIVATE KEY", pkcs1Der(keys.getPrivate().getEncoded()));
    }

    private static byte[] pkcs1Der(byte[] pkcs8) {
        int[] position = {0};
        header(pkcs8, position);               // PrivateKeyInfo SEQUENCE
        skip(pkcs8, position);                 // version INTEGER
        skip(pkcs8, position);                 // AlgorithmIdentifier SEQUENCE
        int length = header(pkcs8, position);  // OCTET STRING
        return Arrays.copyOfRange(pkcs8, position[0], position[0] + length);
    }

    private static void skip(byte[] der, int[] position) {
        int length = header(der, position);
        position[0] += length;
    }

    /** Reads a tag and length at {@code position}, leaving it at the contents; returns the length. */
    private static int header(byte[] der, int[] position) {
        position[0]++;
        int first = der[position[0]++] & 0xff;
        if (first < 0x80) {
            return first;
        }
        int length = 0;
        for (int i = 0; i < (first & 0x7f); i++) {
            length = (length << 8) | (der[position[0]++] & 0xff);
        }
        return length;
    }
}
