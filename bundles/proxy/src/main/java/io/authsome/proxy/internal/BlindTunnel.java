package io.authsome.proxy.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.ConnectionInitiator;
import org.apache.hc.core5.reactor.IOEventHandler;
import org.apache.hc.core5.reactor.IOSession;
import org.apache.hc.core5.reactor.ProtocolIOSession;
import org.apache.hc.core5.util.Timeout;

/**
 * A blind tunnel (a CONNECT to a host the proxy does not intercept) relayed on the proxy's I/O
 * reactor: the bytes of each side go to the other as they come, through one buffer each way, and
 * a side is not read while the other has not taken its buffer (back-pressure both ways). A tunnel
 * holds no thread and two buffers, whatever it carries and however long it lasts. The reactor
 * connects the API side (to the corporate proxy first, with a CONNECT, when the host is reached
 * so); the client's side is handed over by its {@link ClientConnection} once the client has its
 * {@code 200}. When either side ends or fails, both close and the byte counts go to
 * {@code ended}, once. Thread-safe: the reactor relays, a worker opens, the proxy's close aborts.
 */
final class BlindTunnel {
    private static final int BUFFER = 32 * 1024;

    private final Side client = new ClientSide();
    private final Side api = new Side();
    private final CompletableFuture<Void> established = new CompletableFuture<>();
    private final UpstreamConnector connector;
    private final UpstreamConnector.Hop hop;
    private final Consumer<Pump.Totals> ended;
    /** The CONNECT for the corporate proxy while it is being written; then, until answered, empty. */
    private ByteBuffer connect;
    private Runnable clientEnded;
    private boolean finished;
    private boolean clientTold;

    private BlindTunnel(UpstreamConnector connector, UpstreamConnector.Hop hop, Consumer<Pump.Totals> ended) {
        this.connector = connector;
        this.hop = hop;
        this.ended = ended;
    }

    /**
     * Connects to {@code host}:{@code port} the way {@code connector} reaches it, on
     * {@code reactor}, and waits until the way is open (the corporate proxy, if any, accepted the
     * CONNECT). {@code ended} gets the byte counts once the tunnel is over.
     *
     * @throws IOException when the host cannot be reached: the client gets {@code 502}
     */
    static BlindTunnel open(ConnectionInitiator reactor, UpstreamConnector connector, String host, int port,
                            Consumer<Pump.Totals> ended) throws IOException {
        UpstreamConnector.Hop hop = connector.hop(host, port);
        InetSocketAddress address = new InetSocketAddress(hop.host(), hop.port()); // resolved here, on the worker
        if (address.isUnresolved()) {
            throw new UnknownHostException(hop.host());
        }
        BlindTunnel tunnel = new BlindTunnel(connector, hop, ended);
        int timeout = connector.timeoutMillis();
        reactor.connect(new HttpHost(hop.host(), hop.port()), address, null, Timeout.ofMilliseconds(timeout),
                tunnel.api, new FutureCallback<>() {
                    @Override
                    public void completed(IOSession session) {
                        // The API side's connected() does the rest.
                    }

                    @Override
                    public void failed(Exception cause) {
                        tunnel.established.completeExceptionally(cause);
                    }

                    @Override
                    public void cancelled() {
                        tunnel.established.completeExceptionally(new IOException("the proxy is closing"));
                    }
                });
        try {
            // the connect and the corporate proxy's answer have the timeout each
            tunnel.established.get(2L * timeout, TimeUnit.MILLISECONDS);
            return tunnel;
        } catch (ExecutionException e) {
            tunnel.abort();
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            tunnel.abort();
            throw new SocketTimeoutException("no connection in " + 2L * timeout + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            tunnel.abort();
            throw new InterruptedIOException("interrupted while connecting");
        }
    }

    /** The client's side, for its {@link ClientConnection} to hand the connection over to. */
    ClientConnection.Successor client() {
        return (ClientSide) client;
    }

    /** Ends the tunnel at once, on the caller's thread (the proxy is closing, or the opening failed). */
    synchronized void abort() {
        finish(CloseMode.IMMEDIATE);
    }

    /** The API side is connected: the tunnel is open, or its CONNECT goes to the corporate proxy. */
    private void connected() {
        if (hop.connect() == null) {
            api.session.setSocketTimeout(Timeout.DISABLED);
            established.complete(null);
            api.interest(SelectionKey.OP_READ, true);
            return;
        }
        api.interest(SelectionKey.OP_READ, false); // the proxy speaks once it has the CONNECT
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            hop.connect().writeTo(bytes);
        } catch (IOException e) {
            throw new IllegalStateException(e); // not to a byte array
        }
        connect = ByteBuffer.wrap(bytes.toByteArray());
        api.session.setSocketTimeout(Timeout.ofMilliseconds(connector.timeoutMillis()));
        api.interest(SelectionKey.OP_WRITE, true);
    }

    /** Writes the CONNECT to the corporate proxy; once written, its answer is read. */
    private void writeConnect() throws IOException {
        while (connect.hasRemaining() && api.session.write(connect) > 0) {
            // as much as the socket takes
        }
        if (!connect.hasRemaining()) {
            api.interest(SelectionKey.OP_WRITE, false);
            api.interest(SelectionKey.OP_READ, true);
        }
    }

    /** Reads the corporate proxy's answer to the CONNECT; the bytes after it are the API's. */
    private void readAnswer() throws IOException {
        ByteBuffer pending = api.pending;
        byte[] bytes = pending.array();
        int end = -1;
        for (int i = 3; i < pending.position() && end < 0; i++) {
            if (bytes[i - 3] == '\r' && bytes[i - 2] == '\n' && bytes[i - 1] == '\r' && bytes[i] == '\n') {
                end = i + 1;
            }
        }
        if (end < 0) {
            if (!pending.hasRemaining()) {
                throw new UpstreamException("the proxy " + hop.host() + ":" + hop.port()
                        + " answered CONNECT with a head over " + BUFFER / 1024 + " KiB");
            }
            if (api.ended) {
                connector.accepted(hop, null);
            }
            return;
        }
        connector.accepted(hop, HttpHead.read(new ByteArrayInputStream(bytes, 0, end)));
        pending.flip().position(end);
        pending.compact();
        connect = null;
        api.session.setSocketTimeout(Timeout.DISABLED);
        established.complete(null);
        relay(api);
    }

    /**
     * Writes what {@code from} read to the other side, as much as it takes; reads {@code from}
     * again only once its buffer has room. A side that ended, with all it sent relayed, ends the
     * tunnel.
     */
    private void relay(Side from) throws IOException {
        Side to = from == client ? api : client;
        if (from.session == null) {
            return; // the client's side is not handed over yet
        }
        if (to.session != null && from.pending.position() > 0) {
            from.pending.flip();
            try {
                for (int written; from.pending.hasRemaining() && (written = to.session.write(from.pending)) > 0; ) {
                    from.relayed += written;
                }
            } finally {
                from.pending.compact();
            }
        }
        if (to.session != null) {
            to.interest(SelectionKey.OP_WRITE, from.pending.position() > 0);
        }
        from.interest(SelectionKey.OP_READ, !from.ended && from.pending.hasRemaining());
        if (from.ended && from.pending.position() == 0) {
            finish(CloseMode.GRACEFUL);
        }
    }

    /**
     * Under the lock: closes both sides; the byte counts of a tunnel that was open go to
     * {@code ended}, and the client's connection learns that it ended (now, or when it is handed
     * over).
     */
    private void finish(CloseMode mode) {
        if (finished) {
            return;
        }
        finished = true;
        established.completeExceptionally(new IOException("the connection closed"));
        for (Side side : new Side[] {client, api}) {
            if (side.session != null) {
                side.session.close(mode);
            }
        }
        if (!established.isCompletedExceptionally()) {
            ended.accept(new Pump.Totals(client.relayed, api.relayed));
        }
        tellClient();
    }

    private void tellClient() {
        if (clientEnded != null && !clientTold) {
            clientTold = true;
            clientEnded.run();
        }
    }

    /** One side's connection and the bytes read from it that the other has not taken yet. */
    private class Side implements IOEventHandler {
        IOSession session;
        /** In write mode. */
        final ByteBuffer pending = ByteBuffer.allocate(BUFFER);
        boolean ended;
        long relayed;
        int events;

        /** Asks the reactor for ({@code on}) or no longer for {@code op}, when that changes. */
        void interest(int op, boolean on) {
            if (((events & op) != 0) == on || finished) {
                return;
            }
            events = on ? events | op : events & ~op;
            try {
                if (on) {
                    session.setEvent(op);
                } else {
                    session.clearEvent(op);
                }
            } catch (CancelledKeyException e) {
                finish(CloseMode.IMMEDIATE); // closed under the tunnel
            }
        }

        @Override
        public void connected(IOSession ioSession) {
            synchronized (BlindTunnel.this) {
                session = ioSession;
                events = ioSession.getEventMask();
                if (finished) {
                    ioSession.close(CloseMode.IMMEDIATE); // aborted while connecting
                } else {
                    BlindTunnel.this.connected();
                }
            }
        }

        @Override
        public void inputReady(IOSession ioSession, ByteBuffer src) throws IOException {
            synchronized (BlindTunnel.this) {
                if (finished) {
                    return;
                }
                if (src != null) {
                    pending.put(src); // not with TLS: a tunnel's bytes are the client's own
                }
                while (pending.hasRemaining()) {
                    int read = ioSession.read(pending);
                    if (read < 0) {
                        ended = true;
                    }
                    if (read <= 0) {
                        break;
                    }
                }
                if (this == api && connect != null) {
                    readAnswer();
                } else {
                    relay(this);
                }
            }
        }

        @Override
        public void outputReady(IOSession ioSession) throws IOException {
            synchronized (BlindTunnel.this) {
                if (finished) {
                    return;
                }
                if (this == api && connect != null && connect.hasRemaining()) {
                    writeConnect();
                } else {
                    relay(this == client ? api : client);
                }
            }
        }

        @Override
        public void timeout(IOSession ioSession, Timeout timeout) {
            synchronized (BlindTunnel.this) {
                established.completeExceptionally(new SocketTimeoutException("the proxy " + hop.host() + ":"
                        + hop.port() + " did not answer the CONNECT in " + timeout.toMilliseconds() + " ms"));
                finish(CloseMode.IMMEDIATE);
            }
        }

        @Override
        public void exception(IOSession ioSession, Exception cause) {
            synchronized (BlindTunnel.this) {
                established.completeExceptionally(cause);
                finish(CloseMode.IMMEDIATE);
            }
        }

        @Override
        public void disconnected(IOSession ioSession) {
            synchronized (BlindTunnel.this) {
                finish(CloseMode.GRACEFUL);
            }
        }
    }

    /** The client's side: its connection comes from its worker, with the bytes the worker did not read. */
    private final class ClientSide extends Side implements ClientConnection.Successor {
        @Override
        public void start(ProtocolIOSession session, ByteBuffer unread, Runnable onEnd) throws IOException {
            synchronized (BlindTunnel.this) {
                clientEnded = onEnd;
                this.session = session;
                events = session.getEventMask();
                if (finished) {
                    session.close(CloseMode.GRACEFUL); // the API side ended first: the client has its 200 and no more
                    tellClient();
                    return;
                }
                pending.put(unread);
                relay(this);
                relay(api);
            }
        }

        @Override
        public void abort() {
            BlindTunnel.this.abort();
        }
    }
}
