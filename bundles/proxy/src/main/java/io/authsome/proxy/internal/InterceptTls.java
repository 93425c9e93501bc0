package io.authsome.proxy.internal;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * The client-facing side of an intercepted CONNECT: a TLS server on the client's socket that
 * presents a leaf certificate for the requested host, signed by the home CA. One TLS context per
 * host, made on first use and kept. Thread-safe.
 */
final class InterceptTls {
    private static final char[] KEY_PASSWORD = "authsome".toCharArray();

    private final CertificateAuthority ca;
    private final Map<String, SSLContext> contexts = new ConcurrentHashMap<>();

    InterceptTls(CertificateAuthority ca) {
        this.ca = ca;
    }

    /** Completes a TLS handshake as {@code host} over {@code socket}, already connected to the client. */
    SSLSocket accept(Socket socket, String host) throws IOException, GeneralSecurityException {
        SSLSocket tls = (SSLSocket) context(host).getSocketFactory().createSocket(socket, null, socket.getPort(), true);
        tls.setUseClientMode(false);
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setCipherSuites(CipherSuites.fastFirst(parameters.getCipherSuites()));
        parameters.setUseCipherSuitesOrder(true);
        tls.setSSLParameters(parameters);
        tls.startHandshake();
        return tls;
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
