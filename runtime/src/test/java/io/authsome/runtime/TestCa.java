package io.authsome.runtime;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority of the tests' own, unknown to any trust store, and a server
 * certificate it signs for the test API host names: the "real API" that the proxy must verify.
 */
final class TestCa {
    private final X509Certificate caCertificate;
    private final X509Certificate serverCertificate;
    private final PrivateKey serverKey;
    private final SSLContext serverContext;

    private TestCa(X509Certificate caCertificate, X509Certificate serverCertificate, PrivateKey serverKey,
                   SSLContext serverContext) {
        this.caCertificate = caCertificate;
        this.serverCertificate = serverCertificate;
        this.serverKey = serverKey;
        this.serverContext = serverContext;
    }

    /** A new CA and a server certificate for {@code hosts}. */
    static TestCa create(List<String> hosts) throws GeneralSecurityException, IOException {
        KeyPair caKeys = keys();
        Instant now = Instant.now();
        X500Name caName = new X500Name("CN=authsome test upstream CA");
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        X509Certificate ca = sign(new JcaX509v3CertificateBuilder(caName, BigInteger.ONE,
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), caName, caKeys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign))
                .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(caKeys.getPublic())),
                caKeys);
        KeyPair serverKeys = keys();
        X509Certificate server = sign(new JcaX509v3CertificateBuilder(ca, BigInteger.TWO,
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))),
                new X500Name("CN=" + hosts.get(0)), serverKeys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(hosts.stream()
                        .map(host -> new GeneralName(GeneralName.dNSName, host)).toArray(GeneralName[]::new)))
                .addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(ca)),
                caKeys);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", serverKeys.getPrivate(), "test".toCharArray(), new Certificate[] {server, ca});
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, "test".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(factory.getKeyManagers(), null, null);
        return new TestCa(ca, server, serverKeys.getPrivate(), context);
    }

    private static KeyPair keys() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        return generator.generateKeyPair();
    }

    private static X509Certificate sign(org.bouncycastle.cert.X509v3CertificateBuilder builder, KeyPair issuer) throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(builder.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate())));
        } catch (org.bouncycastle.operator.OperatorCreationException | java.security.cert.CertificateException e) {
            throw new GeneralSecurityException(e);
        }
    }

    SSLContext serverContext() {
        return serverContext;
    }

    /**
     * Writes a PKCS#12 trust store holding the CA certificate, password {@code changeit}: what
     * {@code -Djavax.net.ssl.trustStore} points the runtime's own HTTPS calls (token endpoints) at.
     */
    Path writeTrustStore(Path file) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("authsome-test-ca", caCertificate);
        try (java.io.OutputStream out = Files.newOutputStream(file)) {
            store.store(out, "changeit".toCharArray());
        }
        return file;
    }

    /** Writes the CA certificate as PEM, for {@code proxy.upstream_ca_file}. */
    Path writeCertificate(Path file) throws IOException, GeneralSecurityException {
        return Files.writeString(file, pem("CERTIFICATE", caCertificate.getEncoded()));
    }

    /**
     * Writes the server's certificate chain and its private key (PKCS#8) as PEM, for a server that
     * is not a JVM (Python's {@code ssl.SSLContext.load_cert_chain}).
     */
    void writeServerPem(Path chainFile, Path keyFile) throws IOException, GeneralSecurityException {
        Files.writeString(chainFile, pem("CERTIFICATE", serverCertificate.getEncoded())
                + pem("CERTIFICATE", caCertificate.getEncoded()));
        Files.writeString(keyFile, pem("PRIVATE KEY", serverKey.getEncoded()));
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
