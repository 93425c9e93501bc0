package io.authsome.proxy.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateAuthorityTest {
    @TempDir
    Path home;

    @Test
    void theCaIsCreatedOnceWithAPrivateKeyFile() throws Exception {
        CertificateAuthority first = CertificateAuthority.loadOrCreate(home);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("ca.key"))));
        CertificateAuthority again = CertificateAuthority.loadOrCreate(home);
        assertEquals(first.certificate(), again.certificate());
        assertTrue(first.certificate().getBasicConstraints() >= 0, "the CA certificate is not a CA");
        assertNotEquals(first.certificate(), CertificateAuthority.create(home).certificate());
    }

    @Test
    void leavesCarryWhatStrictVerifiersRequire() throws Exception {
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(home);
        X509Certificate leaf = ca.leaf("api.github.com");
        assertSame(leaf, ca.leaf("API.github.com"), "leaves are cached per host");
        assertEquals(-1, leaf.getBasicConstraints(), "a leaf must be CA:false");
        assertTrue(leaf.getCriticalExtensionOIDs().contains(Extension.basicConstraints.getId()));
        Collection<List<?>> names = leaf.getSubjectAlternativeNames();
        assertTrue(names.contains(List.of(2, "api.github.com")), names.toString());
        assertTrue(leaf.getExtendedKeyUsage().contains("1.3.6.1.5.5.7.3.1"));
        byte[] authority = AuthorityKeyIdentifier.getInstance(ASN1OctetString.getInstance(
                leaf.getExtensionValue(Extension.authorityKeyIdentifier.getId())).getOctets()).getKeyIdentifier();
        byte[] caSubject = SubjectKeyIdentifier.getInstance(ASN1OctetString.getInstance(
                ca.certificate().getExtensionValue(Extension.subjectKeyIdentifier.getId())).getOctets()).getKeyIdentifier();
        assertArrayEquals(caSubject, authority, "the leaf's AKI must be the CA's SKI");
        assertNotNull(leaf.getExtensionValue(Extension.subjectKeyIdentifier.getId()));
        assertEquals(List.of(List.of(7, "127.0.0.1")), List.copyOf(ca.leaf("127.0.0.1").getSubjectAlternativeNames()));
    }

    @Test
    void aLeafValidatesAgainstItsCaAndNotAnother() throws Exception {
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(home);
        X509Certificate leaf = ca.leaf("example.com");
        validate(leaf, ca.certificate());
        CertificateAuthority other = CertificateAuthority.create(home.resolve("other"));
        assertThrows(CertPathValidatorException.class, () -> validate(leaf, other.certificate()));
    }

    @Test
    void aRealTlsHandshakeSucceedsWithTheLeafAndFailsWithoutTheCa() throws Exception {
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(home);
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("leaf", ca.leafKey(), new char[0], new X509Certificate[] {ca.leaf("127.0.0.1"), ca.certificate()});
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, new char[0]);
        SSLContext serverTls = SSLContext.getInstance("TLS");
        serverTls.init(keyManagers.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverTls));
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        try {
            URI uri = URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/");
            SSLContext clientTls = ca.clientContext();
            HttpResponse<Void> response = HttpClient.newBuilder().sslContext(clientTls).build()
                    .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding());
            assertEquals(204, response.statusCode());
            assertThrows(SSLHandshakeException.class, () -> HttpClient.newHttpClient()
                    .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding()));
        } finally {
            server.stop(0);
        }
    }

    private static void validate(X509Certificate leaf, X509Certificate anchor) throws Exception {
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
        parameters.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf)), parameters);
    }
}
