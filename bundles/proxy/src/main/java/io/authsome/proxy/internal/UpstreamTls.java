package io.authsome.proxy.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * The server-facing side: TLS to the real API host, verified against the Java runtime's trust
 * store plus, when configured, the certificates of one more PEM file ({@code proxy.upstream_ca_file}
 * in {@code config.json}, for a corporate CA or a test server). Host names are checked; the key
 * shares of its handshakes are made by {@link KeyShares}.
 * Thread-safe.
 */
final class UpstreamTls {
    private final CompletableFuture<SSLContext> context;

    private UpstreamTls(List<X509Certificate> extra) {
        // Loading the runtime's roots takes about 100 ms: done while the child starts, not before.
        this.context = CompletableFuture.supplyAsync(() -> {
            try {
                return context(extra);
            } catch (IOException | GeneralSecurityException e) {
                throw new CompletionException(e);
            }
        });
    }

    /**
     * Trust of the Java runtime, plus the certificates of {@code extraCaFile} when not {@code null};
     * the file is read now, so that a bad one is reported before the run starts.
     */
    static UpstreamTls create(Path extraCaFile) throws IOException, GeneralSecurityException {
        return new UpstreamTls(extraCaFile == null ? List.of() : readPem(extraCaFile));
    }

    private static SSLContext context(List<X509Certificate> extra) throws IOException, GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        if (extra.isEmpty()) {
            factory.init((KeyStore) null);
        } else {
            KeyStore trust = TrustStores.runtimeRoots();
            int index = 0;
            for (X509Certificate certificate : extra) {
                trust.setCertificateEntry("extra-" + index++, certificate);
            }
            factory.init(trust);
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), KeyShares.random());
        return context;
    }

    static List<X509Certificate> readPem(Path file) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in)
                    .stream().map(X509Certificate.class::cast).toList();
            if (certificates.isEmpty()) {
                throw new GeneralSecurityException(file + " holds no certificate");
            }
            return certificates;
        }
    }

    /** The TLS context, once the trust is loaded. */
    SSLContext context() throws IOException {
        try {
            return context.join();
        } catch (CompletionException e) {
            throw new IOException("cannot set up upstream TLS: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /**
     * TLS as a client to {@code host} over {@code socket}, offering {@code protocols} (ALPN); the
     * handshake checks the chain and the name.
     */
    SSLSocket connect(Socket socket, String host, int port, String... protocols) throws IOException {
        SSLSocket tls = (SSLSocket) context().getSocketFactory().createSocket(socket, host, port, true);
        tls.setSSLParameters(parameters(tls.getSSLParameters(), host, protocols));
        tls.startHandshake();
        return tls;
    }

    /** {@code parameters} for a connection to {@code host}: its name checked and sent (SNI), {@code protocols} offered. */
    SSLParameters parameters(SSLParameters parameters, String host, String... protocols) {
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (!IpLiterals.is(host)) {
            parameters.setServerNames(List.of(new SNIHostName(host)));
        }
        parameters.setApplicationProtocols(protocols);
        parameters.setCipherSuites(CipherSuites.fastFirst(parameters.getCipherSuites()));
        return parameters;
    }
}
