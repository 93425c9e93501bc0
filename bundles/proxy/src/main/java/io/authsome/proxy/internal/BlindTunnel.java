package io.authsome.proxy.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.ConnectionInitiator;
import org.apache.hc.core5.reactor.IOEventHandler;
import org.apache.hc.core5.reactor.IOReactorShutdownException;
import org.apache.hc.core5.reactor.IOSession;
import org.apache.hc.core5.reactor.ProtocolIOSession;
import org.apache.hc.core5.util.Timeout;

/**
 * A blind tunnel (a CONNECT to a host the proxy does not intercept), done by the proxy's I/O
 * reactor: it connects the host (through the corporate proxy's CONNECT when the host is reached
 * so), answers the client {@code 200}, or {@code 502} with the reason, and relays the bytes of
 * each side to the other as they come, through one buffer each way; a side is not read while the
 * other has not taken its buffer (back-pressure both ways). Neither the opening nor the tunnel
 * holds a thread, however many there are and however long they last. When either side ends or
 * fails, both close and the tunnel's status and byte counts go to its {@link Ended}, once (a 502
 * before the client has it).
 * Thread-safe: the reactor relays, a worker opens, the proxy's close aborts.
 */
final class BlindTunnel {
    private static final int BUFFER = 32 * 1024;

    /** What learns how a tunnel went. */
    interface Ended {
        /**
         * How the tunnel went, once it ended (200) or as the client is answered 502 (the host
         * could not be reached): {@code sent} and {@code received} are the bytes from and to the
         * client.
         */
        void ended(int status, long sent, long received);
    }

    private final Side client = new ClientSide();
    private final Side api = new Side();
    private final UpstreamConnector connector;
    private final UpstreamConnector.Hop hop;
    private final String target;
    private final Ended ended;
    /** The CONNECT for the corporate proxy while it is written; then, until it is answered, empty. */
    private ByteBuffer connect;
    /** The client's answer (read mode) while it is not written: the 200, or the 502. */
    private ByteBuffer answer;
    /** The way to the host is open, or could not be opened. */
    private boolean open;
    private boolean failed;
    private boolean finished;
    private boolean reported;
    private Runnable clientEnded;
    private boolean clientTold;

    private BlindTunnel(UpstreamConnector connector, UpstreamConnector.Hop hop, String target, Ended ended) {
        this.connector = connector;
        this.hop = hop;
        this.target = target;
        this.ended = ended;
    }

    /**
     * Starts a tunnel to {@code host}:{@code port}, reached the way {@code connector} reaches it,
     * on {@code reactor}: its client's connection is to be handed over to {@link #client()},
     * which then gets the answer once the host is reached or not. Resolves the name of the first
     * hop on the caller's thread.
     */
    static BlindTunnel open(ConnectionInitiator reactor, UpstreamConnector connector, String host, int port,
                            Ended ended) {
        UpstreamConnector.Hop hop = connector.hop(host, port);
        BlindTunnel tunnel = new BlindTunnel(connector, hop, host + ":" + port, ended);
        InetSocketAddress address = new InetSocketAddress(hop.host(), hop.port());
        synchronized (tunnel) {
            if (address.isUnresolved()) {
                tunnel.fail(new UnknownHostException(hop.host()));
                return tunnel;
            }
        }
        try {
            reactor.connect(new HttpHost(hop.host(), hop.port()), address, null,
                    Timeout.ofMilliseconds(connector.timeoutMillis()), tunnel.api, tunnel.new Connecting());
        } catch (IOReactorShutdownException e) {
            synchronized (tunnel) {
                tunnel.fail(new IOException("the proxy is closing"));
            }
        }
        return tunnel;
    }

    /** The reactor's news of the API side's connection; once connected, the side itself goes on. */
    private final class Connecting implements FutureCallback<IOSession> {
        @Override
        public void completed(IOSession session) {
            // The API side's connected() goes on.
        }

        @Override
        public void failed(Exception cause) {
            synchronized (BlindTunnel.this) {
                fail(cause);
            }
        }

        @Override
        public void cancelled() {
            synchronized (BlindTunnel.this) {
                fail(new IOException("the proxy is closing"));
            }
        }
    }

    /** The client's side, for its {@link ClientConnection} to hand the connection over to. */
    ClientConnection.Successor client() {
        return (ClientSide) client;
    }

    /** Ends the tunnel at once, on the caller's thread (the proxy is closing, or the client left). */
    synchronized void abort() {
        finish(CloseMode.IMMEDIATE);
    }

    /** Under the lock: the API side is connected, to the host (the tunnel is open) or to the corporate proxy. */
    private void connected() throws IOException {
        if (hop.connect() == null) {
            opened();
            return;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        hop.connect().writeTo(bytes);
        connect = ByteBuffer.wrap(bytes.toByteArray());
        api.session.setSocketTimeout(Timeout.ofMilliseconds(connector.timeoutMillis()));
        api.interest(SelectionKey.OP_READ, false); // the proxy speaks once it has the CONNECT
        api.interest(SelectionKey.OP_WRITE, true);
    }

    /** Under the lock: writes the CONNECT to the corporate proxy; once written, its answer is read. */
    private void writeConnect() throws IOException {
        while (connect.hasRemaining() && api.session.write(connect) > 0) {
            // as much as the socket takes
        }
        if (!connect.hasRemaining()) {
            api.interest(SelectionKey.OP_WRITE, false);
            api.interest(SelectionKey.OP_READ, true);
        }
    }

    /** Under the lock: reads the corporate proxy's answer to the CONNECT; the bytes after it are the host's. */
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
        opened();
    }

    /** Under the lock: the way to the host is open; the client is told so. */
    private void opened() throws IOException {
        open = true;
        answer = ByteBuffer.wrap(ClientSession.CONNECTION_ESTABLISHED);
        api.session.setSocketTimeout(Timeout.DISABLED); // a tunnel may stay quiet as long as it likes
        pump();
    }

    /** Under the lock: the host cannot be reached; the client gets 502 with the reason, then the tunnel ends. */
    private void fail(Exception cause) {
        if (failed || finished) {
            return;
        }
        if (open) {
            finish(CloseMode.IMMEDIATE);
            return;
        }
        failed = true;
        if (api.session != null) {
            api.session.close(CloseMode.IMMEDIATE);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            new Http1Reply(bytes, bytes).answer(502, "Bad Gateway", "authsome proxy: cannot connect to " + target + ": "
                    + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()), true);
            answer = ByteBuffer.wrap(bytes.toByteArray());
            report(); // before the client has its answer, and may go on to other things
            pump();
        } catch (IOException e) {
            finish(CloseMode.IMMEDIATE); // the client went away
        }
    }

    /**
     * Under the lock: writes what waits for each side as far as it takes it (the client's answer
     * first), asks the reactor for the events that can move more, and ends the tunnel when nothing
     * more will come.
     */
    private void pump() throws IOException {
        if (finished) {
            return;
        }
        if (client.session != null) {
            if (answer != null) {
                while (answer.hasRemaining() && client.session.write(answer) > 0) {
                    // as much as the socket takes
                }
                if (!answer.hasRemaining()) {
                    answer = null;
                }
            }
            if (answer == null && open) {
                api.relayTo(client);
            }
        }
        if (open) {
            client.relayTo(api);
        }
        boolean answered = answer == null && client.session != null;
        if (answered && (failed || open && (client.over() || api.over())) || !open && client.ended) {
            finish(CloseMode.GRACEFUL);
            return;
        }
        if (client.session != null) {
            client.interest(SelectionKey.OP_WRITE, answer != null || open && api.pending.position() > 0);
            client.interest(SelectionKey.OP_READ, !client.ended && client.pending.hasRemaining());
        }
        if (open) {
            api.interest(SelectionKey.OP_WRITE, client.pending.position() > 0);
            api.interest(SelectionKey.OP_READ, !api.ended && api.pending.hasRemaining());
        }
    }

    /**
     * Under the lock: closes both sides; says how the tunnel went when it was answered, and
     * tells the client's connection that it ended (now, or when it is handed over).
     */
    private void finish(CloseMode mode) {
        if (finished) {
            return;
        }
        finished = true;
        for (Side side : new Side[] {client, api}) {
            if (side.session != null) {
                side.session.close(mode);
            }
        }
        report();
        tellClient();
    }

    /** Under the lock: says how the tunnel went, once, when it was answered. */
    private void report() {
        if ((open || failed) && !reported) {
            reported = true;
            ended.ended(open ? 200 : 502, client.relayed, api.relayed);
        }
    }

    private void tellClient() {
        if (clientEnded != null && !clientTold) {
            clientTold = true;
            clientEnded.run();
        }
    }

    /** One side's connection, and the bytes read from it that the other has not taken yet. */
    private class Side implements IOEventHandler {
        IOSession session;
        /** In write mode. */
        ByteBuffer pending = ByteBuffer.allocate(BUFFER);
        boolean ended;
        /** Bytes of this side's written to the other. */
        long relayed;
        /** The events asked of the reactor. */
        int events;

        /** Writes what this side sent to {@code to}, as far as it takes it. */
        void relayTo(Side to) throws IOException {
            if (pending.position() == 0) {
                return;
            }
            pending.flip();
            try {
                for (int written; pending.hasRemaining() && (written = to.session.write(pending)) > 0; ) {
                    relayed += written;
                }
            } finally {
                pending.compact();
            }
        }

        /** Whether this side ended and all it sent went through. */
        boolean over() {
            return ended && pending.position() == 0;
        }

        /** Asks the reactor for ({@code on}) or no longer for {@code op}, when that changes. */
        void interest(int op, boolean on) {
            if (((events & op) != 0) == on) {
                return;
            }
            events = on ? events | op : events & ~op;
            if (!SessionEvents.change(session, op, on)) {
                finish(CloseMode.IMMEDIATE); // closed under the tunnel
            }
        }

        /** Reads what there is room for (the bytes in {@code src}, when the reactor read them). */
        void read(ByteBuffer src) throws IOException {
            if (src != null) {
                pending.put(src); // not with TLS: a tunnel's bytes are the client's own
            }
            while (!ended && pending.hasRemaining()) {
                int read = session.read(pending);
                if (read < 0) {
                    ended = true;
                }
                if (read <= 0) {
                    break;
                }
            }
        }

        @Override
        public void connected(IOSession ioSession) throws IOException {
            synchronized (BlindTunnel.this) {
                session = ioSession;
                events = ioSession.getEventMask();
                if (finished || failed) {
                    ioSession.close(CloseMode.IMMEDIATE); // given up while it connected
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
                read(src);
                if (this == api && connect != null) {
                    readAnswer();
                } else {
                    pump();
                }
            }
        }

        @Override
        public void outputReady(IOSession ioSession) throws IOException {
            synchronized (BlindTunnel.this) {
                if (finished) {
                    return;
                }
                if (this == api && connect != null) {
                    writeConnect();
                } else {
                    pump();
                }
            }
        }

        @Override
        public void timeout(IOSession ioSession, Timeout timeout) {
            synchronized (BlindTunnel.this) {
                // only the corporate proxy's answer has a time limit
                fail(new SocketTimeoutException("the proxy " + hop.host() + ":" + hop.port()
                        + " did not answer the CONNECT in " + timeout.toMilliseconds() + " ms"));
            }
        }

        @Override
        public void exception(IOSession ioSession, Exception cause) {
            synchronized (BlindTunnel.this) {
                if (this == api) {
                    fail(cause); // before the tunnel is open, the client learns why
                } else {
                    finish(CloseMode.IMMEDIATE);
                }
            }
        }

        @Override
        public void disconnected(IOSession ioSession) {
            synchronized (BlindTunnel.this) {
                if (this == api && !open) {
                    fail(new IOException("the proxy " + hop.host() + ":" + hop.port() + " closed the connection"));
                } else {
                    ended = true;
                    try {
                        pump(); // what the other side has not taken yet is lost with it
                    } catch (IOException e) {
                        finish(CloseMode.IMMEDIATE);
                    }
                    finish(CloseMode.GRACEFUL);
                }
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
                    session.close(CloseMode.IMMEDIATE);
                    tellClient();
                    return;
                }
                if (unread.remaining() > pending.remaining()) {
                    pending = ByteBuffer.allocate(unread.remaining());
                }
                pending.put(unread);
                pump();
            }
        }

        @Override
        public void abort() {
            BlindTunnel.this.abort();
        }
    }
}
