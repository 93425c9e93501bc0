package io.authsome.proxy.internal;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The client-facing side of an intercepted CONNECT: the TLS server contexts that present a leaf
 * certificate for the requested host, signed by the home CA. One TLS context per
 * host, made on first use and kept. Thread-safe.
 */
final class InterceptTls {
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

    /**
     * The TLS context that presents {@code host}'s leaf, made on first use and kept. Its key signs
     * through {@link LeafSigning}, its key shares are made by {@link KeyShares}.
     */
    SSLContext context(String host) throws GeneralSecurityException {
        SSLContext existing = contexts.get(host);
        if (existing != null) {
            return existing;
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(new KeyManager[] {new LeafKeys(LeafSigning.of(ca.leafKey()),
                new X509Certificate[] {ca.leaf(host), ca.certificate()})}, null, KeyShares.random());
        contexts.putIfAbsent(host, context);
        return contexts.get(host);
    }

    /** The one key and chain a context presents, whatever the client asks for that its key can do. */
    private static final class LeafKeys extends X509ExtendedKeyManager {
        private static final String ALIAS = "leaf";
        private final PrivateKey key;
        private final X509Certificate[] chain;

        LeafKeys(PrivateKey key, X509Certificate[] chain) {
            this.key = key;
            this.chain = chain;
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            return chooseServerAlias(keyType, issuers, null);
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return key.getAlgorithm().equals(keyType) ? ALIAS : null;
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return key.getAlgorithm().equals(keyType) ? new String[] {ALIAS} : null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return ALIAS.equals(alias) ? chain.clone() : null;
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return ALIAS.equals(alias) ? key : null;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return null;
        }
    }
}
