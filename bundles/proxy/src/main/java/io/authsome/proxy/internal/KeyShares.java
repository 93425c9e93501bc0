package io.authsome.proxy.internal;

import java.math.BigInteger;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.InvalidParameterException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGeneratorSpi;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.interfaces.XECKey;
import java.security.interfaces.XECPrivateKey;
import java.security.interfaces.XECPublicKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.KeyAgreementSpi;
import javax.crypto.SecretKey;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.bouncycastle.util.BigIntegers;

/**
 * The X25519 key shares of the proxy's own TLS handshakes, made with BouncyCastle's arithmetic,
 * whose multiples of the base point come from a precomputed table: a key pair and its agreement
 * take 0.11 ms here, the JDK 17's 0.30 ms, which was 40% of the reactor's CPU in a handshake (JFR).
 *
 * <p>The JDK's TLS makes a key share with {@code KeyPairGenerator.getInstance("XDH")}, handing it
 * the {@link SecureRandom} its context was made with. This class's {@link Provider} is first for
 * {@code XDH}, and its generator takes only {@link #random()}'s randoms: for any other caller of the
 * process it refuses, and the JCA goes on to the JDK's own. Its agreement takes only its own private
 * keys. A provider left by an earlier copy of this bundle takes nothing of this copy's, so it is
 * only replaced. Thread-safe.
 */
final class KeyShares {
    /** The name of the provider, registered once a process. */
    static final String PROVIDER = "AuthsomeKeyShares";
    private static final String X25519_NAME = NamedParameterSpec.X25519.getName();
    private static final BigInteger U_MASK = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.ONE);

    private KeyShares() {
    }

    /**
     * A random for an {@code SSLContext} of the proxy's: the handshakes of that context make their
     * X25519 key shares with this class. Registers the provider on first use.
     */
    static SecureRandom random() {
        JcaProviders.install(PROVIDER, SharesProvider.class, SharesProvider::new, 1);
        return new ShareRandom();
    }

    /** The marker of the contexts whose key shares this class makes: the default random, as is. */
    private static final class ShareRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;
    }

    /** What the keys of this class have in common: X25519, of the JCA's algorithm XDH. */
    private interface X25519Key extends XECKey, Key {
        @Override
        default AlgorithmParameterSpec getParams() {
            return NamedParameterSpec.X25519;
        }

        @Override
        default String getAlgorithm() {
            return "XDH";
        }
    }

    /** An X25519 private key of this class: its scalar, kept from {@link #toString()}, not exported. */
    static final class PrivateKey implements XECPrivateKey, X25519Key, UnexportedKey {
        private static final long serialVersionUID = 1L;
        private final transient byte[] scalar;

        /** The key of {@code scalar} (32 bytes, little-endian; clamped when used, as RFC 7748 says). */
        PrivateKey(byte[] scalar) {
            this.scalar = scalar;
        }

        @Override
        public Optional<byte[]> getScalar() {
            return Optional.of(scalar.clone());
        }

        @Override
        public void destroy() {
            Arrays.fill(scalar, (byte) 0);
        }

        @Override
        public String toString() {
            return "KeyShares.PrivateKey[X25519, redacted]";
        }
    }

    /** An X25519 public key: its u-coordinate, X.509-encoded as RFC 8410 says. */
    private record PublicKey(BigInteger u) implements XECPublicKey, X25519Key {
        private static final long serialVersionUID = 1L;
        /** SubjectPublicKeyInfo of id-X25519 (1.3.101.110) up to its 32 bytes of key. */
        private static final byte[] X509_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e, 0x03, 0x21, 0x00};

        static PublicKey of(byte[] littleEndian) {
            return new PublicKey(new BigInteger(1, org.bouncycastle.util.Arrays.reverse(littleEndian)));
        }

        @Override
        public BigInteger getU() {
            return u;
        }

        @Override
        public String getFormat() {
            return "X.509";
        }

        @Override
        public byte[] getEncoded() {
            byte[] encoded = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + X25519.POINT_SIZE);
            System.arraycopy(littleEndian(u), 0, encoded, X509_PREFIX.length, X25519.POINT_SIZE);
            return encoded;
        }
    }

    /** The u-coordinate as RFC 7748 encodes it: 32 bytes, little-endian, its top bit cleared. */
    private static byte[] littleEndian(BigInteger u) {
        byte[] bigEndian = BigIntegers.asUnsignedByteArray(X25519.POINT_SIZE, u.and(U_MASK));
        return org.bouncycastle.util.Arrays.reverseInPlace(bigEndian);
    }

    private static boolean isX25519(AlgorithmParameterSpec params) {
        return params instanceof NamedParameterSpec named && named.getName().equalsIgnoreCase(X25519_NAME);
    }

    /** The provider of X25519 key pairs for {@link ShareRandom}s and of agreements with their keys. */
    private static final class SharesProvider extends Provider {
        private static final long serialVersionUID = 1L;

        SharesProvider() {
            super(PROVIDER, "1", "X25519 key shares of the authsome proxy's TLS handshakes");
            putService(new Service(this, "KeyPairGenerator", "XDH", Generator.class.getName(), List.of(X25519_NAME),
                    null) {
                @Override
                public Object newInstance(Object parameter) {
                    return new Generator();
                }
            });
            putService(new Service(this, "KeyAgreement", "XDH", Agreement.class.getName(), List.of(X25519_NAME),
                    Map.of("SupportedKeyClasses", PrivateKey.class.getName())) {
                @Override
                public Object newInstance(Object parameter) {
                    return new Agreement();
                }
            });
        }
    }

    /**
     * Key pairs on X25519 for a {@link ShareRandom}; for anything else it refuses to be
     * initialized, and the JCA takes the next provider's generator.
     */
    private static final class Generator extends KeyPairGeneratorSpi {
        private SecureRandom random;

        @Override
        public void initialize(int keysize, SecureRandom random) {
            throw new InvalidParameterException("only for the key shares of the proxy's handshakes");
        }

        @Override
        public void initialize(AlgorithmParameterSpec params, SecureRandom random)
                throws InvalidAlgorithmParameterException {
            if (!(random instanceof ShareRandom) || !isX25519(params)) {
                throw new InvalidAlgorithmParameterException("only for the key shares of the proxy's handshakes");
            }
            this.random = random;
        }

        @Override
        public KeyPair generateKeyPair() {
            if (random == null) {
                throw new IllegalStateException("not initialized");
            }
            byte[] scalar = new byte[X25519.SCALAR_SIZE];
            X25519.generatePrivateKey(random, scalar);
            byte[] u = new byte[X25519.POINT_SIZE];
            X25519.scalarMultBase(scalar, 0, u, 0);
            return new KeyPair(PublicKey.of(u), new PrivateKey(scalar));
        }
    }

    /** The shared secret of a {@link PrivateKey} and any X25519 public key (RFC 7748, section 6.1). */
    private static final class Agreement extends KeyAgreementSpi {
        private byte[] scalar;
        private byte[] secret;

        @Override
        protected void engineInit(Key key, SecureRandom random) throws InvalidKeyException {
            if (!(key instanceof PrivateKey own)) {
                throw new InvalidKeyException("only the proxy's key shares");
            }
            scalar = own.scalar;
            secret = null;
        }

        @Override
        protected void engineInit(Key key, AlgorithmParameterSpec params, SecureRandom random)
                throws InvalidKeyException, InvalidAlgorithmParameterException {
            if (params != null && !isX25519(params)) {
                throw new InvalidAlgorithmParameterException("X25519 only");
            }
            engineInit(key, random);
        }

        @Override
        protected Key engineDoPhase(Key key, boolean lastPhase) throws InvalidKeyException {
            if (scalar == null) {
                throw new IllegalStateException("not initialized");
            }
            if (!lastPhase) {
                throw new IllegalStateException("X25519 has one phase");
            }
            if (!(key instanceof XECPublicKey peer) || !isX25519(peer.getParams())) {
                throw new InvalidKeyException("an X25519 public key is needed");
            }
            byte[] shared = new byte[X25519.POINT_SIZE];
            if (!X25519.calculateAgreement(scalar, 0, littleEndian(peer.getU()), 0, shared, 0)) {
                throw new InvalidKeyException("Point has small order");
            }
            secret = shared;
            return null;
        }

        @Override
        protected byte[] engineGenerateSecret() {
            return take();
        }

        @Override
        protected int engineGenerateSecret(byte[] sharedSecret, int offset) throws ShortBufferException {
            if (sharedSecret.length - offset < X25519.POINT_SIZE) {
                throw new ShortBufferException("the secret takes " + X25519.POINT_SIZE + " bytes");
            }
            byte[] shared = take();
            System.arraycopy(shared, 0, sharedSecret, offset, shared.length);
            Arrays.fill(shared, (byte) 0);
            return X25519.POINT_SIZE;
        }

        @Override
        protected SecretKey engineGenerateSecret(String algorithm) throws NoSuchAlgorithmException {
            if (algorithm == null) {
                throw new NoSuchAlgorithmException("the secret needs an algorithm name");
            }
            byte[] shared = take();
            SecretKey key = new SecretKeySpec(shared, algorithm);
            Arrays.fill(shared, (byte) 0);
            return key;
        }

        /** The secret of the last phase, once: the next needs a phase of its own. */
        private byte[] take() {
            if (secret == null) {
                throw new IllegalStateException("no phase done");
            }
            byte[] shared = secret;
            secret = null;
            return shared;
        }
    }
}
