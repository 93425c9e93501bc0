package io.authsome.proxy.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.net.Socket;
import javax.net.ssl.SSLException;

/**
 * The connection of one client connection to its current API host while a request uses it: taken
 * from the {@link UpstreamPool} (the client's kept-alive connections) or opened, opened again when
 * the host changes or the server closed it, and given back to the pool once the request is done.
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

    /** A link for the requests of {@code client}'s connection, through {@code connector}, sharing {@code pool}. */
    UpstreamLink(UpstreamConnector connector, UpstreamPool pool, String client) {
        this.connector = connector;
        this.pool = pool;
        this.client = client;
    }

    /** Makes sure the link is open to {@code host}:{@code port}, reusing the current connection when it can. */
    void target(String host, int port, boolean secure) throws UpstreamException {
        if (socket != null && (!host.equalsIgnoreCase(this.host) || port != this.port || secure != this.secure
                || socket.isClosed())) {
            close();
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
            Socket opened = connector.open(host, port, secure);
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
        if (socket != null && !socket.isClosed()) {
            pool.give(new UpstreamPool.Key(client, connector, host, port, secure),
                    new UpstreamPool.Idle(socket, in, out, System.nanoTime()));
        }
        socket = null;
        in = null;
        out = null;
    }

    /** Whether the current connection served an earlier request (so the server may have closed it meanwhile). */
    boolean reused() {
        return reused;
    }

    BufferedInputStream in() {
        return in;
    }

    BufferedOutputStream out() {
        return out;
    }

    Socket socket() {
        return socket;
    }

    @Override
    public void close() {
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
