package io.authsome.proxy.internal;

import io.authsome.common.files.PrivateFiles;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * The home's certificate authority ({@code ca/ca.pem}, {@code ca/ca.key} with mode 0600) and the
 * leaf certificates it mints for intercepted hosts. Leaves carry what strict verifiers demand:
 * subjectAltName with the host, Subject and Authority Key Identifiers, {@code CA:false}, key usage
 * and the serverAuth purpose. Keys and signatures use the JDK's providers (EC P-256, SHA-256);
 * BouncyCastle only builds and encodes the certificates, so its provider is never initialised.
 * Leaves are kept per host, in memory and on disk ({@link LeafStore}). Thread-safe.
 */
final class CertificateAuthority {
    static final String CERTIFICATE_FILE = "ca.pem";
    static final String KEY_FILE = "ca.key";
    private static final Duration CA_LIFETIME = Duration.ofDays(3650);
    private static final Duration LEAF_LIFETIME = Duration.ofDays(30);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PEM_KEY_BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String PEM_KEY_END = "-----END PRIVATE KEY-----";

    private final X509Certificate certificate;
    private final PrivateKey key;
    private final Path directory;
    private final Map<String, X509Certificate> leaves = new ConcurrentHashMap<>();
    private volatile LeafStore store;

    private CertificateAuthority(X509Certificate certificate, PrivateKey key, Path directory) {
        this.certificate = certificate;
        this.key = key;
        this.directory = directory;
    }

    /** The CA of {@code directory}, created on first use. */
    static CertificateAuthority loadOrCreate(Path directory) throws IOException, GeneralSecurityException {
        Path certificateFile = directory.resolve(CERTIFICATE_FILE);
        Path keyFile = directory.resolve(KEY_FILE);
        if (Files.exists(certificateFile) && Files.exists(keyFile)) {
            return new CertificateAuthority(readCertificate(certificateFile), readKey(keyFile), directory);
        }
        return create(directory);
    }

    /** A new CA replacing any previous one (clients must trust the new certificate). */
    static CertificateAuthority create(Path directory) throws IOException, GeneralSecurityException {
        KeyPair pair = ecKeyPair();
        Instant now = Instant.now();
        X500Name subject = new X500Name("CN=authsome local CA " + now.getEpochSecond() + ", O=authsome");
        JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(CA_LIFETIME)), subject, pair.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(pair.getPublic()));
        X509Certificate certificate = sign(builder, pair.getPrivate());
        PrivateFiles.writeAtomically(directory.resolve(KEY_FILE), pem(new PemObject("PRIVATE KEY", pair.getPrivate().getEncoded())));
        PrivateFiles.writeAtomically(directory.resolve(CERTIFICATE_FILE), pem(certificate));
        return new CertificateAuthority(certificate, pair.getPrivate(), directory);
    }

    X509Certificate certificate() {
        return certificate;
    }

    /** A client TLS context that trusts this CA and nothing else, as the proxy's clients do. */
    SSLContext clientContext() throws GeneralSecurityException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try {
            trust.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        trust.setCertificateEntry("ca", certificate);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    Path certificatePath() {
        return directory.resolve(CERTIFICATE_FILE);
    }

    /** Whether the key signs what the certificate's public key verifies: the two files belong together. */
    boolean keyMatchesCertificate() throws GeneralSecurityException {
        byte[] probe = new byte[32];
        RANDOM.nextBytes(probe);
        java.security.Signature signer = java.security.Signature.getInstance("SHA256withECDSA");
        signer.initSign(key);
        signer.update(probe);
        byte[] signature = signer.sign();
        java.security.Signature verifier = java.security.Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(probe);
        return verifier.verify(signature);
    }

    /** The private key of every leaf of this CA, kept with its leaves ({@link LeafStore}). */
    PrivateKey leafKey() throws GeneralSecurityException {
        return store().keys().getPrivate();
    }

    /** The leaf store of this CA, opened on first use. */
    LeafStore store() throws GeneralSecurityException {
        LeafStore opened = store;
        if (opened == null) {
            synchronized (this) {
                if (store == null) {
                    store = LeafStore.open(directory, certificate, CertificateAuthority::ecKeyPair);
                }
                opened = store;
            }
        }
        return opened;
    }

    /**
     * A leaf certificate for {@code host} (a DNS name or an IP literal): kept in memory, and on
     * disk across runs ({@link LeafStore}); minted only when neither has a usable one.
     */
    X509Certificate leaf(String host) throws GeneralSecurityException {
        LeafStore kept = store();
        try {
            return leaves.computeIfAbsent(host.toLowerCase(java.util.Locale.ROOT), name -> {
                X509Certificate found = kept.find(name);
                if (found == null) {
                    found = mint(name, kept.keys());
                    kept.keep(name, found);
                }
                return found;
            });
        } catch (IllegalStateException e) {
            throw new GeneralSecurityException("cannot mint a certificate for " + host + ": " + e.getMessage(), e);
        }
    }

    private X509Certificate mint(String host, KeyPair leafKeys) {
        try {
            Instant now = Instant.now();
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            GeneralName name = IpLiterals.is(host) ? new GeneralName(GeneralName.iPAddress, host)
                    : new GeneralName(GeneralName.dNSName, host);
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate, serial(),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(LEAF_LIFETIME)),
                    new X500Name("CN=" + host.replace(",", "\\,")), leafKeys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(name))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(leafKeys.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            extensions.createAuthorityKeyIdentifier(certificate));
            return sign(builder, key);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key) throws GeneralSecurityException {
        try {
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(key);
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign: " + e.getMessage(), e);
        }
    }

    private static KeyPair ecKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return generator.generateKeyPair();
    }

    private static BigInteger serial() {
        return new BigInteger(127, RANDOM).add(BigInteger.ONE);
    }

    private static byte[] pem(Object object) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    // Reading needs only the JDK: BouncyCastle's classes load when the first leaf is minted.
    private static X509Certificate readCertificate(Path file) throws IOException, GeneralSecurityException {
        try (java.io.InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (java.security.cert.CertificateException e) {
            throw new GeneralSecurityException(file + " holds no certificate: " + e.getMessage(), e);
        }
    }

    private static PrivateKey readKey(Path file) throws IOException, GeneralSecurityException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        int begin = pem.indexOf(PEM_KEY_BEGIN);
        int end = pem.indexOf(PEM_KEY_END);
        if (begin < 0 || end < begin) {
            throw new GeneralSecurityException(file + " holds no private key");
        }
        try {
            byte[] der = java.util.Base64.getMimeDecoder().decode(pem.substring(begin + PEM_KEY_BEGIN.length(), end));
            return java.security.KeyFactory.getInstance("EC").generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(der));
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException(file + " holds no readable private key", e);
        }
    }
}
