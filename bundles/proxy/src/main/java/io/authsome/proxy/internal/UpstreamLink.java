package io.authsome.proxy.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.net.Socket;
import javax.net.ssl.SSLException;

/**
 * The kept-alive connection of one client connection to its current API host, opened on first
 * use and opened again when the host changes or the server closed it. Not thread-safe: one client
 * connection uses it at a time.
 */
final class UpstreamLink implements AutoCloseable {
    /** One TLS record; a body larger than that is read and written past the buffers. */
    private static final int BUFFER = 16 * 1024;

    private final UpstreamConnector connector;
    private Socket socket;
    private BufferedInputStream in;
    private BufferedOutputStream out;
    private String host;
    private int port;
    private boolean secure;
    private boolean reused;

    UpstreamLink(UpstreamConnector connector) {
        this.connector = connector;
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
        try {
            socket = connector.open(host, port, secure);
            in = new BufferedInputStream(socket.getInputStream(), BUFFER);
            out = new BufferedOutputStream(socket.getOutputStream(), BUFFER);
            this.host = host;
            this.port = port;
            this.secure = secure;
            reused = false;
        } catch (SSLException e) {
            throw new UpstreamException("TLS to " + host + ":" + port + " failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UpstreamException("cannot connect to " + host + ":" + port + ": " + e.getMessage(), e);
        }
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
