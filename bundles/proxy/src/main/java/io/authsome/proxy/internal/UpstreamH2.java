package io.authsome.proxy.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.SocketAddress;
import java.nio.channels.CancelledKeyException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLException;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.URIScheme;
import org.apache.hc.core5.http.nio.ssl.TlsStrategy;
import org.apache.hc.core5.http.protocol.HttpCoreContext;
import org.apache.hc.core5.http.protocol.HttpProcessorBuilder;
import org.apache.hc.core5.http2.config.H2Config;
import org.apache.hc.core5.http2.impl.nio.bootstrap.H2MultiplexingRequester;
import org.apache.hc.core5.http2.impl.nio.bootstrap.H2MultiplexingRequesterBootstrap;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.net.NamedEndpoint;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.reactor.ssl.SSLBufferMode;
import org.apache.hc.core5.reactor.ssl.TransportSecurityLayer;
import org.apache.hc.core5.util.Timeout;

/**
 * The API hosts one way out ({@link UpstreamConnector}) reaches over HTTP/2: one multiplexed
 * connection per host, on an I/O reactor of its own (one thread), made by HttpCore's requester
 * with the trust of {@link UpstreamTls} (names checked, ALPN {@code h2} only). A host is reached
 * so once an HTTP/1.1 connection to it learned that it speaks HTTP/2 (its server chose {@code h2}
 * when offered); until then, and for hosts that never do, requests go over HTTP/1.1. Only direct
 * connections: a host behind the corporate proxy stays on HTTP/1.1. Thread-safe.
 */
final class UpstreamH2 implements AutoCloseable {
    private final UpstreamTls tls;
    private final Map<String, String> addresses;
    private final Timeout connectTimeout;
    private final long silenceMillis;
    private final Set<String> capable = ConcurrentHashMap.newKeySet();
    /** The requester's targets by host and port, made once: a pinned address is looked up once. */
    private final Map<String, HttpHost> targets = new ConcurrentHashMap<>();
    private H2MultiplexingRequester requester;
    private boolean closed;

    /**
     * @param addresses     host names pinned to addresses ({@code proxy.resolve})
     * @param silenceMillis how long a connection may stay without a byte either way, idle or in
     *                      the middle of an answer, before it closes (its streams reset); and how
     *                      long a request body's write waits for the API to take some
     */
    UpstreamH2(UpstreamTls tls, Map<String, String> addresses, int connectTimeoutMillis, long silenceMillis) {
        this.tls = tls;
        this.addresses = Map.copyOf(addresses);
        this.connectTimeout = Timeout.ofMilliseconds(connectTimeoutMillis);
        this.silenceMillis = silenceMillis;
    }

    /** Whether {@code host}:{@code port} is known to speak HTTP/2. */
    boolean speaks(String host, int port) {
        return capable.contains(key(host, port));
    }

    /** {@code host}:{@code port} chose HTTP/2 when it was offered. */
    void learned(String host, int port) {
        capable.add(key(host, port));
    }

    /**
     * Starts the request with {@code head} to {@code host}:{@code port} on a stream of its
     * connection (made if there is none); its body, when {@code withBody}, follows through the
     * call.
     */
    H2Call call(HttpHead head, String host, int port, boolean withBody) throws IOException {
        H2Call call = new H2Call(head, host, port, withBody, silenceMillis);
        try {
            call.started(requester().execute(target(host, port), call, connectTimeout, HttpCoreContext.create()));
        } catch (CancelledKeyException e) {
            throw new IOException("the connection to " + host + " closed", e); // it was going as the call came
        }
        return call;
    }

    private HttpHost target(String host, int port) throws IOException {
        String key = key(host, port);
        HttpHost target = targets.get(key);
        if (target == null) {
            String pinned = addresses.get(host.toLowerCase(Locale.ROOT));
            target = pinned == null ? new HttpHost(URIScheme.HTTPS.id, host, port)
                    : new HttpHost(URIScheme.HTTPS.id, InetAddress.getByName(pinned), host, port);
            targets.putIfAbsent(key, target);
        }
        return target;
    }

    private synchronized H2MultiplexingRequester requester() throws IOException {
        if (closed) {
            throw new IOException("the proxy is closing");
        }
        if (requester == null) {
            requester = H2MultiplexingRequesterBootstrap.bootstrap()
                    .setIOReactorConfig(IOReactorConfig.custom().setIoThreadCount(1).setTcpNoDelay(true)
                            .setSoTimeout(Timeout.ofMilliseconds(silenceMillis)).build())
                    .setHttpProcessor(HttpProcessorBuilder.create().build()) // the client's fields, as they are
                    // 16 KiB frames, the size every peer takes: with HttpCore's default (64 KiB) its DATA
                    // frames to a server that takes 16 KiB (Node's) were refused with FRAME_SIZE_ERROR
                    // The streams' window is HTTP/2's initial 64 KiB, an answer's buffer (StreamInput):
                    // a window of 256 KiB took 1 MiB bodies from 108 to 138 MiB/s, but the buffers
                    // grown to it left the proxy at 511 MiB of RSS after bench/proxy.sh, not 157
                    .setH2Config(H2Config.custom().setPushEnabled(false).setMaxFrameSize(16 * 1024)
                            .setInitialWindowSize(StreamInput.WINDOW).build())
                    .setTlsStrategy(new Tls())
                    .setStrictALPNHandshake(true)
                    .create();
            requester.start();
        }
        return requester;
    }

    private static String key(String host, int port) {
        return host.toLowerCase(Locale.ROOT) + ":" + port;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (requester != null) {
            requester.close(CloseMode.IMMEDIATE);
        }
    }

    /** TLS to the API as {@link UpstreamTls} does it for HTTP/1.1, offering {@code h2} alone. */
    private final class Tls implements TlsStrategy {
        @Override
        public void upgrade(TransportSecurityLayer session, NamedEndpoint endpoint, Object attachment, Timeout timeout,
                            FutureCallback<TransportSecurityLayer> callback) {
            try {
                session.startTls(tls.context(), endpoint, SSLBufferMode.STATIC,
                        (named, engine) -> engine.setSSLParameters(
                                tls.parameters(engine.getSSLParameters(), named.getHostName(), ClientConnection.H2)),
                        (named, engine) -> {
                            if (!ClientConnection.H2.equals(engine.getApplicationProtocol())) {
                                throw new SSLException(named.getHostName() + " did not choose HTTP/2");
                            }
                            return null;
                        }, timeout, callback);
            } catch (IOException e) {
                if (callback != null) {
                    callback.failed(e);
                }
            }
        }

        /** The older form of the same, which HttpCore 5.4 still declares. */
        @Override
        @Deprecated
        public boolean upgrade(TransportSecurityLayer session, HttpHost host, SocketAddress localAddress,
                               SocketAddress remoteAddress, Object attachment, Timeout timeout) {
            upgrade(session, host, attachment, timeout, null);
            return true;
        }
    }
}
