package io.authsome.proxy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The leaves' signatures come from BouncyCastle through a provider that takes only the proxy's
 * leaf keys: checked by the JDK's own verification, and by the JDK's TLS client, which verifies
 * the handshake's signature with the leaf's public key.
 */
class LeafSigningTest {
    @TempDir
    Path home;

    @Test
    void aLeafKeySignsWithTheProviderAndTheJdkVerifies() throws Exception {
        KeyPair pair = p256();
        PrivateKey leaf = LeafSigning.of(pair.getPrivate());
        String secret = ((ECPrivateKey) pair.getPrivate()).getS().toString(16);
        assertFalse(leaf.toString().contains(secret), leaf.toString());
        byte[] message = "a handshake's transcript".getBytes(StandardCharsets.UTF_8);
        for (String algorithm : new String[] {"SHA256withECDSA", "SHA384withECDSA"}) {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(leaf);
            signer.update(message);
            byte[] signature = signer.sign();
            assertEquals(LeafSigning.PROVIDER, signer.getProvider().getName());
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(pair.getPublic());
            verifier.update(message);
            assertTrue(verifier.verify(signature), algorithm);
        }
    }

    @Test
    void everyOtherKeySignsWithTheJdk() throws Exception {
        LeafSigning.of(p256().getPrivate()); // the provider is there
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(p256().getPrivate());
        signer.update(new byte[] {1});
        signer.sign();
        assertEquals("SunEC", signer.getProvider().getName());
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void theJdksTlsClientAcceptsTheHandshake(String protocol) throws Exception {
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(home);
        SSLContext server = new InterceptTls(ca).context("api.example.test");
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca.certificate());
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext client = SSLContext.getInstance("TLS");
        client.init(null, trustManagers.getTrustManagers(), null);
        try (SSLServerSocket listener = (SSLServerSocket) server.getServerSocketFactory().createServerSocket(0)) {
            CompletableFuture<Integer> served = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket accepted = (SSLSocket) listener.accept(); InputStream in = accepted.getInputStream()) {
                    return in.read();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", listener.getLocalPort())) {
                socket.setEnabledProtocols(new String[] {protocol});
                SSLParameters parameters = socket.getSSLParameters();
                parameters.setServerNames(List.of(new SNIHostName("api.example.test")));
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                socket.setSSLParameters(parameters);
                socket.startHandshake();
                assertEquals(protocol, socket.getSession().getProtocol());
                OutputStream out = socket.getOutputStream();
                out.write(7);
                out.flush();
                assertEquals(7, served.get(10, TimeUnit.SECONDS));
            }
        }
    }

    private static KeyPair p256() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }
}
