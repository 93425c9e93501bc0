package io.authsome.proxy.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Security;
import java.security.interfaces.XECPublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.HexFormat;
import javax.crypto.KeyAgreement;
import org.junit.jupiter.api.Test;

/**
 * The proxy's X25519 key shares come from BouncyCastle for the randoms of the proxy's TLS contexts
 * only, and agree with the JDK's implementation (the TLS handshakes of {@link LeafSigningTest} and
 * of every test through the proxy use them too).
 */
class KeySharesTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void itsKeyPairsAgreeWithTheJdks() throws Exception {
        SecureRandom random = KeyShares.random();
        assertEquals(KeyShares.PROVIDER, Security.getProviders()[0].getName());
        for (int i = 0; i < 50; i++) {
            KeyPair own = pair(random);
            assertInstanceOf(KeyShares.PrivateKey.class, own.getPrivate());
            KeyPair jdk = pair(new SecureRandom());
            assertFalse(jdk.getPrivate() instanceof KeyShares.PrivateKey);
            KeyAgreement ours = agreement(own.getPrivate(), jdk.getPublic());
            assertEquals(KeyShares.PROVIDER, ours.getProvider().getName());
            KeyAgreement theirs = agreement(jdk.getPrivate(), own.getPublic());
            assertEquals("SunEC", theirs.getProvider().getName());
            assertArrayEquals(theirs.generateSecret(), ours.generateSecret());
            // The public key's X.509 form is the JDK's.
            PublicKey decoded = KeyFactory.getInstance("XDH", "SunEC")
                    .generatePublic(new X509EncodedKeySpec(own.getPublic().getEncoded()));
            assertEquals(((XECPublicKey) own.getPublic()).getU(), ((XECPublicKey) decoded).getU());
        }
    }

    @Test
    void theVectorsOfRfc7748() throws Exception {
        byte[] alice = HEX.parseHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
        PublicKey bob = publicKey("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
        KeyAgreement agreement = agreement(new KeyShares.PrivateKey(alice), bob);
        assertEquals("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742",
                HEX.formatHex(agreement.generateSecret("TlsPremasterSecret").getEncoded()));
    }

    @Test
    void everyOtherKeyPairAndAgreementIsTheJdks() throws Exception {
        KeyShares.random(); // the provider is there
        KeyPairGenerator plain = KeyPairGenerator.getInstance("XDH");
        plain.initialize(NamedParameterSpec.X25519, new SecureRandom());
        PrivateKey jdk = plain.generateKeyPair().getPrivate();
        assertFalse(jdk instanceof KeyShares.PrivateKey);
        assertEquals("SunEC", plain.getProvider().getName());
        KeyPairGenerator x448 = KeyPairGenerator.getInstance("XDH");
        x448.initialize(NamedParameterSpec.X448, KeyShares.random());
        assertFalse(x448.generateKeyPair().getPrivate() instanceof KeyShares.PrivateKey);
        KeyPairGenerator uninitialized = KeyPairGenerator.getInstance("X25519");
        assertFalse(uninitialized.generateKeyPair().getPrivate() instanceof KeyShares.PrivateKey);
        assertEquals("SunEC", agreement(jdk, pair(KeyShares.random()).getPublic()).getProvider().getName());
    }

    @Test
    void aPointOfSmallOrderIsRefused() throws Exception {
        PrivateKey own = pair(KeyShares.random()).getPrivate();
        for (String u : new String[] {"00", "01"}) {
            KeyAgreement agreement = KeyAgreement.getInstance("XDH");
            agreement.init(own);
            assertThrows(InvalidKeyException.class, () -> agreement.doPhase(publicKey(u), true), u);
        }
    }

    @Test
    void itsPrivateKeysShowNoScalar() throws Exception {
        byte[] scalar = HEX.parseHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
        KeyShares.PrivateKey key = new KeyShares.PrivateKey(scalar.clone());
        assertFalse(key.toString().contains("77076d0a"), key.toString());
        assertEquals(null, key.getEncoded());
        key.destroy();
        assertArrayEquals(new byte[32], key.getScalar().orElseThrow());
    }

    private static KeyPair pair(SecureRandom random) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("XDH");
        generator.initialize(NamedParameterSpec.X25519, random);
        return generator.generateKeyPair();
    }

    private static KeyAgreement agreement(Key own, Key peer) throws Exception {
        KeyAgreement agreement = KeyAgreement.getInstance("XDH");
        agreement.init(own);
        agreement.doPhase(peer, true);
        return agreement;
    }

    /** The X25519 public key of u, given little-endian in hex as RFC 7748 writes it. */
    private static PublicKey publicKey(String littleEndianHex) throws Exception {
        byte[] bigEndian = org.bouncycastle.util.Arrays.reverse(HEX.parseHex(littleEndianHex));
        return KeyFactory.getInstance("XDH", "SunEC")
                .generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, new BigInteger(1, bigEndian)));
    }
}
