package io.authsome.proxy.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SignatureException;
import java.security.SignatureSpi;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Map;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;

/**
 * The signature of every intercepted TLS handshake (TLS 1.3's CertificateVerify, TLS 1.2's
 * ServerKeyExchange), made with BouncyCastle's P-256 arithmetic, whose multiples of the base point
 * come from a precomputed table: 0.13 ms a signature here, where the JDK 17's takes 0.64 ms, half
 * of the CPU of a handshake with the proxy. The JDK's TLS asks for signatures through the JCA, so
 * the leaf key is handed to it as a {@link Key} that only this class's {@link Provider} takes
 * ({@code SunEC} accepts only {@link ECPrivateKey}s): every other signature of the process is the
 * JDK's. The TLS layer reads the key's curve from the leaf certificate, as it does for a key held
 * in a token. Deterministic nonces (RFC 6979). Thread-safe.
 */
final class LeafSigning {
    /** The name of the provider, registered once a process. */
    static final String PROVIDER = "AuthsomeLeafSigning";
    private static final X9ECParameters P256 = CustomNamedCurves.getByName("secp256r1");
    private static final ECDomainParameters DOMAIN =
            new ECDomainParameters(P256.getCurve(), P256.getG(), P256.getN(), P256.getH());
    /** The JCA names of the signatures taken, and their digests. */
    private static final Map<String, String> DIGESTS = Map.of("SHA256withECDSA", "SHA-256",
            "SHA384withECDSA", "SHA-384", "SHA512withECDSA", "SHA-512", "SHA1withECDSA", "SHA-1");

    private LeafSigning() {
    }

    /**
     * {@code key} as a key that signs with this class's provider (registered by the first call),
     * or {@code key} itself when it is not on P-256.
     */
    static PrivateKey of(PrivateKey key) {
        if (!(key instanceof ECPrivateKey ec) || !isP256(ec)) {
            return key;
        }
        JcaProviders.install(PROVIDER, SigningProvider.class, SigningProvider::new, 0);
        return new Key(ec.getS());
    }

    private static boolean isP256(ECPrivateKey key) {
        return key.getParams().getOrder().equals(P256.getN())
                && key.getParams().getCurve().getField().getFieldSize() == 256;
    }

    /** A leaf's private key, for the signatures of this class only. {@link #toString()} hides it. */
    static final class Key implements PrivateKey, UnexportedKey {
        private static final long serialVersionUID = 1L;
        private final transient ECPrivateKeyParameters parameters;

        private Key(BigInteger secret) {
            this.parameters = new ECPrivateKeyParameters(secret, DOMAIN);
        }

        @Override
        public String getAlgorithm() {
            return "EC";
        }

        @Override
        public String toString() {
            return "LeafSigning.Key[P-256, redacted]";
        }
    }

    /** The provider of the signatures that take a {@link Key}. */
    private static final class SigningProvider extends Provider {
        private static final long serialVersionUID = 1L;

        SigningProvider() {
            super(PROVIDER, "1", "ECDSA on P-256 for the leaves of the authsome proxy");
            for (Map.Entry<String, String> signature : DIGESTS.entrySet()) {
                putService(new Service(this, "Signature", signature.getKey(), Spi.class.getName(), null,
                        Map.of("SupportedKeyClasses", Key.class.getName())) {
                    @Override
                    public Object newInstance(Object parameter) throws NoSuchAlgorithmException {
                        return new Spi(signature.getValue());
                    }
                });
            }
        }
    }

    /** Signs only: a {@link Key} and the digest of what it is given. */
    private static final class Spi extends SignatureSpi {
        private final MessageDigest digest;
        private ECPrivateKeyParameters key;

        Spi(String digest) throws NoSuchAlgorithmException {
            this.digest = MessageDigest.getInstance(digest);
        }

        @Override
        protected void engineInitSign(PrivateKey privateKey) throws InvalidKeyException {
            if (!(privateKey instanceof Key leaf)) {
                throw new InvalidKeyException("only the proxy's leaf keys");
            }
            key = leaf.parameters;
            digest.reset();
        }

        @Override
        protected void engineInitVerify(PublicKey publicKey) throws InvalidKeyException {
            throw new InvalidKeyException("signs only");
        }

        @Override
        protected void engineSetParameter(AlgorithmParameterSpec params) throws InvalidAlgorithmParameterException {
            if (params != null) {
                throw new InvalidAlgorithmParameterException("ECDSA takes no parameters");
            }
        }

        @Override
        protected void engineUpdate(byte b) {
            digest.update(b);
        }

        @Override
        protected void engineUpdate(byte[] b, int off, int len) {
            digest.update(b, off, len);
        }

        @Override
        protected byte[] engineSign() throws SignatureException {
            ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
            signer.init(true, key);
            BigInteger[] signature = signer.generateSignature(digest.digest());
            try {
                return StandardDSAEncoding.INSTANCE.encode(DOMAIN.getN(), signature[0], signature[1]);
            } catch (IOException e) {
                throw new SignatureException(e);
            }
        }

        @Override
        protected boolean engineVerify(byte[] sigBytes) throws SignatureException {
            throw new SignatureException("signs only");
        }

        @Override
        @Deprecated
        protected void engineSetParameter(String param, Object value) {
            throw new UnsupportedOperationException();
        }

        @Override
        @Deprecated
        protected Object engineGetParameter(String param) {
            throw new UnsupportedOperationException();
        }
    }
}
