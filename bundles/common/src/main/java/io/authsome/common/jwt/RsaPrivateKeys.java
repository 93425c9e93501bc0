package io.authsome.common.jwt;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an RSA private key from PEM text with the JDK alone: PKCS#1 ({@code BEGIN RSA PRIVATE
 * KEY}, what GitHub hands out for an App) and PKCS#8 ({@code BEGIN PRIVATE KEY}, the
 * {@code private_key} of a Google service-account key file). Anything else is refused with a
 * {@link KeyFormatException} that says what the text is (an encrypted key, an EC key, a
 * certificate, no PEM at all) and what to do, never quoting the text. Thread-safe.
 */
public final class RsaPrivateKeys {
    /** The shortest key accepted: RS256 with fewer bits is no longer safe, and no issuer hands one out. */
    public static final int MIN_BITS = 2048;

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]{1,40})-----(.*?)-----END \\1-----", Pattern.DOTALL);
    private static final Pattern ANY_BEGIN = Pattern.compile("-----BEGIN ([A-Z0-9 ]{1,40})-----");
    private static final String RSA_OID = "1.2.840.113549.1.1.1";
    private static final Map<String, String> OTHER_ALGORITHMS = Map.of(
            "1.2.840.10045.2.1", "an EC key",
            "1.3.101.112", "an Ed25519 key",
            "1.3.101.113", "an Ed448 key",
            "1.2.840.10040.4.1", "a DSA key",
            "1.2.840.113549.1.1.10", "an RSASSA-PSS key");

    private RsaPrivateKeys() {
    }

    /**
     * The RSA private key of the first private-key block of {@code pem}. Text whose line breaks
     * are the two characters {@code \n} (a key copied out of a JSON string) is read too.
     *
     * @throws KeyFormatException when there is no usable RSA private key
     */
    public static RSAPrivateCrtKey parse(String pem) throws KeyFormatException {
        String text = pem.indexOf('\n') < 0 && pem.contains("\\n") ? pem.replace("\\n", "\n") : pem;
        Matcher block = BLOCK.matcher(text);
        while (block.find()) {
            String label = block.group(1);
            if (label.endsWith("PRIVATE KEY")) {
                return privateKey(label, block.group(2));
            }
        }
        Matcher begin = ANY_BEGIN.matcher(text);
        if (begin.find()) {
            String label = begin.group(1);
            if (!text.contains("-----END " + label + "-----")) {
                throw new KeyFormatException("the PEM block " + label + " has no END line: the key is cut short");
            }
            throw new KeyFormatException("a PEM " + describe(label) + ", not a private key");
        }
        throw new KeyFormatException("not a PEM private key: no '-----BEGIN RSA PRIVATE KEY-----' or"
                + " '-----BEGIN PRIVATE KEY-----' line");
    }

    private static RSAPrivateCrtKey privateKey(String label, String body) throws KeyFormatException {
        switch (label) {
            case "RSA PRIVATE KEY":
                if (body.lines().anyMatch(line -> line.startsWith("Proc-Type:") && line.contains("ENCRYPTED"))) {
                    throw encrypted("openssl rsa -in key.pem -out plain.pem");
                }
                return rsa(pkcs8(decode(label, body)), "PKCS#1");
            case "PRIVATE KEY":
                byte[] der = decode(label, body);
                String algorithm = Der.pkcs8Algorithm(der);
                if (algorithm == null) {
                    throw new KeyFormatException("the PKCS#8 private key is damaged: its structure does not parse");
                }
                if (!algorithm.equals(RSA_OID)) {
                    throw new KeyFormatException(OTHER_ALGORITHMS.getOrDefault(algorithm, "a key of algorithm "
                            + algorithm) + ", not an RSA key: RS256 needs RSA");
                }
                return rsa(der, "PKCS#8");
            case "ENCRYPTED PRIVATE KEY":
                throw encrypted("openssl pkcs8 -in key.pem -nocrypt -topk8 -out plain.pem");
            case "EC PRIVATE KEY":
                throw new KeyFormatException("an EC key, not an RSA key: RS256 needs RSA");
            case "DSA PRIVATE KEY":
                throw new KeyFormatException("a DSA key, not an RSA key: RS256 needs RSA");
            case "OPENSSH PRIVATE KEY":
                throw new KeyFormatException("an OpenSSH private key, not a PEM RSA key: convert it with"
                        + " ssh-keygen -p -m PEM -f <file>, or use the .pem file the issuer gave");
            default:
                throw new KeyFormatException("a PEM " + describe(label) + ", which is not an RSA private key");
        }
    }

    private static KeyFormatException encrypted(String decrypt) {
        return new KeyFormatException("the private key is encrypted with a passphrase; decrypt it first ("
                + decrypt + ") and keep the result private");
    }

    private static byte[] decode(String label, String body) throws KeyFormatException {
        StringBuilder base64 = new StringBuilder(body.length());
        for (String line : body.split("\\R")) {
            String trimmed = line.strip();
            if (!trimmed.contains(":")) {
                base64.append(trimmed);
            }
        }
        try {
            byte[] der = Base64.getDecoder().decode(base64.toString());
            if (der.length == 0) {
                throw new KeyFormatException("the PEM block " + label + " is empty");
            }
            return der;
        } catch (IllegalArgumentException e) {
            throw new KeyFormatException("the PEM block " + label + " is damaged: its body is not base64");
        }
    }

    /** PKCS#1 {@code RSAPrivateKey} wrapped in a PKCS#8 {@code PrivateKeyInfo}, which the JDK reads. */
    private static byte[] pkcs8(byte[] pkcs1) {
        return Der.element(Der.SEQUENCE, new byte[] {Der.INTEGER, 1, 0}, Der.RSA_ALGORITHM,
                Der.element(Der.OCTET_STRING, pkcs1));
    }

    private static RSAPrivateCrtKey rsa(byte[] pkcs8, String format) throws KeyFormatException {
        PrivateKey key;
        try {
            key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            // the JDK's message may describe the bytes: only the format is named
            throw new KeyFormatException("the " + format + " RSA private key is damaged: it does not parse");
        }
        if (!(key instanceof RSAPrivateCrtKey crt)) {
            throw new KeyFormatException("the " + format + " RSA private key lacks its CRT parameters");
        }
        int bits = crt.getModulus().bitLength();
        if (bits < MIN_BITS) {
            throw new KeyFormatException("a " + bits + "-bit RSA key: RS256 needs at least " + MIN_BITS + " bits");
        }
        return crt;
    }

    private static String describe(String label) {
        return switch (label) {
            case "CERTIFICATE" -> "certificate";
            case "PUBLIC KEY", "RSA PUBLIC KEY" -> "public key";
            case "CERTIFICATE REQUEST" -> "certificate request";
            default -> "block '" + label + "'";
        };
    }
}
