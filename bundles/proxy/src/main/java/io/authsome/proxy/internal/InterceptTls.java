package io.authsome.proxy.internal;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLEngine;

/**
 * The client-facing side of an intercepted CONNECT: the TLS server contexts that present a leaf
 * certificate for the requested host, signed by the home CA. One TLS context per
 * host, made on first use and kept. Thread-safe.
 */
final class InterceptTls {
    private static final char[] KEY_PASSWORD = "authsome".toCharArray();

    private final CertificateAuthority ca;
    private final Map<String, SSLContext> contexts = new ConcurrentHashMap<>();

    InterceptTls(CertificateAuthority ca) {
        this.ca = ca;
    }

    /**
     * Sets up the server side of a handshake: the suites fastest on this machine first, in the
     * proxy's order, and, when {@code http2}, HTTP/2 for a client that offers it (ALPN), else
     * HTTP/1.1.
     */
    static void configure(SSLEngine engine, boolean http2) {
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setApplicationProtocols(http2 ? new String[] {ClientConnection.H2, "http/1.1"}
                : new String[] {"http/1.1"});
        parameters.setCipherSuites(CipherSuites.fastFirst(parameters.getCipherSuites()));
        parameters.setUseCipherSuitesOrder(true);
        engine.setSSLParameters(parameters);
    }

    CertificateAuthority ca() {
        return ca;
    }

    /** The TLS context that presents {@code host}'s leaf, made on first use and kept. */
    SSLContext context(String host) throws GeneralSecurityException {
        SSLContext existing = contexts.get(host);
        if (existing != null) {
            return existing;
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try {
            keys.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        keys.setKeyEntry("leaf", ca.leafKey(), KEY_PASSWORD, new Certificate[] {ca.leaf(host), ca.certificate()});
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, KEY_PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(factory.getKeyManagers(), null, null);
        contexts.putIfAbsent(host, context);
        return contexts.get(host);
    }
}
