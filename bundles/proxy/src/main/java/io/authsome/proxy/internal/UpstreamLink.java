package io.authsome.proxy.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

/**
 * The connection of one client connection to its current API host while a request uses it: taken
 * from the {@link UpstreamPool} (the client's kept-alive connections) or opened, opened again when
 * the host changes or the server closed it, and given back to the pool once the request is done.
 * A TLS connection offers HTTP/2 too when the request may use it: a host that chooses it is
 * reached from then on through the pool's {@link UpstreamH2}, a stream per request
 * ({@link #multiplexed()}, {@link #call}), and the HTTP/1.1 connection that learned it is closed.
 * Not thread-safe: one client connection uses it at a time.
 */
final class UpstreamLink implements AutoCloseable {
    /** One TLS record; a body larger than that is read and written past the buffers. */
    private static final int BUFFER = 16 * 1024;

    private final UpstreamConnector connector;
    private final UpstreamPool pool;
    private final String client;
    private Socket socket;
    private BufferedInputStream in;
    private BufferedOutputStream out;
    private String host;
    private int port;
    private boolean secure;
    private boolean reused;
    /** The request's HTTP/2 stream, when the host is reached so. */
    private H2Call call;
    private boolean multiplexed;

    /** A link for the requests of {@code client}'s connection, through {@code connector}, sharing {@code pool}. */
    UpstreamLink(UpstreamConnector connector, UpstreamPool pool, String client) {
        this.connector = connector;
        this.pool = pool;
        this.client = client;
    }

    /**
     * Makes sure the link is open to {@code host}:{@code port}, reusing the current connection when
     * it can; over HTTP/2 when {@code mayMultiplex} and the host speaks it.
     */
    void target(String host, int port, boolean secure, boolean mayMultiplex) throws UpstreamException {
        if (socket != null && (!host.equalsIgnoreCase(this.host) || port != this.port || secure != this.secure
                || socket.isClosed())) {
            close();
        }
        UpstreamH2 http2 = secure && mayMultiplex && connector.multiplexes(host) ? pool.http2(connector) : null;
        multiplexed = http2 != null && http2.speaks(host, port);
        if (multiplexed) {
            close();
            this.host = host;
            this.port = port;
            return;
        }
        if (socket != null) {
            reused = true;
            return;
        }
        UpstreamPool.Idle kept = pool.take(new UpstreamPool.Key(client, connector, host, port, secure));
        if (kept != null) {
            adopt(kept.socket(), kept.in(), kept.out(), host, port, secure);
            reused = true;
            return;
        }
        try {
            Socket opened = http2 == null ? connector.open(host, port, secure)
                    : connector.open(host, port, secure, ClientConnection.H2, "http/1.1");
            if (opened instanceof SSLSocket tls && ClientConnection.H2.equals(tls.getApplicationProtocol())) {
                opened.close();
                http2.learned(host, port);
                multiplexed = true;
                this.host = host;
                this.port = port;
                return;
            }
            adopt(opened, new BufferedInputStream(opened.getInputStream(), BUFFER),
                    new BufferedOutputStream(opened.getOutputStream(), BUFFER), host, port, secure);
            reused = false;
        } catch (SSLException e) {
            throw new UpstreamException("TLS to " + host + ":" + port + " failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UpstreamException("cannot connect to " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    private void adopt(Socket socket, BufferedInputStream in, BufferedOutputStream out, String host, int port,
                       boolean secure) {
        this.socket = socket;
        this.in = in;
        this.out = out;
        this.host = host;
        this.port = port;
        this.secure = secure;
    }

    /**
     * The request is done and its answer read to the end: the connection goes to the pool for
     * the client's next request, on this connection or another.
     */
    void release() {
        call = null; // a stream read to its end is done
        if (socket != null && !socket.isClosed()) {
            pool.give(new UpstreamPool.Key(client, connector, host, port, secure),
                    new UpstreamPool.Idle(socket, in, out, System.nanoTime()));
        }
        socket = null;
        in = null;
        out = null;
    }

    /** Whether the request goes over HTTP/2: through {@link #call}, not {@link #out()}. */
    boolean multiplexed() {
        return multiplexed;
    }

    /** Starts the request with {@code head} on a stream of the host's HTTP/2 connection; its answer is then read from {@link #in()}. */
    H2Call call(HttpHead head, boolean withBody) throws IOException {
        call = pool.http2(connector).call(head, host, port, withBody);
        return call;
    }

    /** Whether the current connection served an earlier request (so the server may have closed it meanwhile). */
    boolean reused() {
        return reused;
    }

    /** The API's answer: on the HTTP/1.1 connection, or the HTTP/2 stream's as an HTTP/1.1 body. */
    InputStream in() {
        return call != null ? call.in() : in;
    }

    BufferedOutputStream out() {
        return out;
    }

    Socket socket() {
        return socket;
    }

    @Override
    public void close() {
        if (call != null) {
            call.abandon();
            call = null;
        }
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Closing a connection that is gone already.
            }
        }
        socket = null;
        in = null;
        out = null;
    }
}
