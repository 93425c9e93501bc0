package io.authsome.proxy.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.apache.hc.core5.http.nio.AsyncServerExchangeHandler;
import org.apache.hc.core5.http.nio.HandlerFactory;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOEventHandler;
import org.apache.hc.core5.reactor.IOSession;
import org.apache.hc.core5.reactor.ProtocolIOSession;
import org.apache.hc.core5.reactor.ssl.SSLBufferMode;
import org.apache.hc.core5.reactor.ssl.TlsDetails;
import org.apache.hc.core5.util.Timeout;

/**
 * A client connection on the proxy's I/O reactor. The reactor's threads do all its I/O (and its
 * TLS, once {@link #startTls} was asked); a worker thread handles its requests through blocking
 * {@link #in()} and {@link #out()} streams, and only while there is something to handle: when the
 * worker {@linkplain Turns#serve() ends a turn}, the connection is parked and holds no thread
 * until its client sends more, goes away or stays idle past its time. Reading from the client
 * pauses while more than {@link #READ_AHEAD} bytes wait for the worker, and the worker's writes
 * wait while {@link #OUTBOUND} bytes wait for the client: a slow side slows the other, and no
 * buffer grows. Its buffers come from a {@link BufferPool} and go back to it when the connection
 * parks with nothing buffered. A worker that ended its turn waits a moment for the next request
 * before it parks the connection: under load, handing every request to a new worker costs more
 * than the wait (0.27 ms of CPU a request instead of 0.15 in {@code bench/proxy.sh}).
 */
final class ClientConnection implements IOEventHandler, Closeable {
    /** Bytes read from the client before the worker takes them; one TLS record more may come. */
    private static final int READ_AHEAD = BufferPool.SIZE / 2;
    private static final int OUTBOUND = BufferPool.SIZE;
    /** How long a worker that ended its turn waits for more before it parks the connection. */
    private static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    /** The ALPN name of HTTP/2 over TLS. */
    static final String H2 = "h2";

    /** What the connection does with its turns: the requests of one client connection. */
    interface Turns {
        /** Handles what the client sent, on a worker: whether to wait for more ({@code false}: close). */
        boolean serve() throws IOException;

        /** The connection ended; called once, on a worker or, when none is left, on the caller. */
        void ended();

        /**
         * The requests of the connection from now on: its client chose HTTP/2 in the TLS handshake
         * (the connection is on {@code session}; without requests in flight it may stay idle for
         * {@code idleMillis}).
         */
        HandlerFactory<AsyncServerExchangeHandler> http2(ProtocolIOSession session, long idleMillis);
    }

    /** What takes a connection's events over from its worker ({@link #handOver}). */
    interface Successor extends IOEventHandler {
        /**
         * Takes the connection on {@code session}, with {@code unread}: the bytes the client sent
         * that no worker read (read mode); {@code ended} is to run once when it ends.
         */
        void start(ProtocolIOSession session, ByteBuffer unread, Runnable ended) throws IOException;

        /** Ends at once, on the caller's thread: the proxy is closing. */
        void abort();
    }

    private final Executor workers;
    private final BufferPool buffers;
    private final ReentrantLock lock = new ReentrantLock();
    /** Bytes came from the client, or the connection changed hands or ended: what the worker's reads and its linger wait for. */
    private final Condition arrived = lock.newCondition();
    /**
     * The reactor sent enough for the worker's writes to go on, or the connection ended. Apart from
     * {@link #arrived}, so that a worker that waits for the client's next request is not woken
     * each time the reactor sent its last answer (a wake-up and a wait more for each request).
     */
    private final Condition room = lock.newCondition();
    /** The body the reactor relays ended: what a worker in {@link #relay} waits for. */
    private final Condition relayed = lock.newCondition();
    private final Input input = new Input();
    private final Output output = new Output();
    private final ProtocolIOSession session;
    private Turns turns;
    private final long idleMillis;
    /** The time limit of a parked connection's wait. */
    private final Timeout idle;
    /** Bytes from the client for the worker, in write mode; {@code null} while there are none. */
    private ByteBuffer inbound;
    /** Bytes from the worker for the client, in write mode; {@code null} while there are none. */
    private ByteBuffer outbound;
    private boolean endOfInput;
    private boolean closed;
    private boolean closeWhenWritten;
    private boolean writeRequested;
    private boolean readPaused;
    private boolean parked = true;
    private boolean ended;
    /** The connection speaks HTTP/2 now: an {@link H2Connection} has its events, and no turn comes. */
    private boolean http2;
    /** What the worker handed the connection over to, and whether it has it yet. */
    private Successor successor;
    private boolean succeeded;
    private long readTimeoutMillis;
    private TlsStart tlsStart;
    private Exception failure;
    /** A body the reactor moves from an API's stream to the client, or {@code null}. */
    private BodyRelay relay;
    private final BodyRelay.Owner relayOwner = new BodyRelay.Owner() {
        @Override
        public void start(BodyRelay next) throws IOException {
            if (closed || closeWhenWritten) {
                throw new IOException("the connection to the client is closed");
            }
            relay = next;
            requestWrite();
        }

        @Override
        public void end() {
            relay = null;
        }

        /** On the API's reactor: this one is to write (a closed session: the worker is woken anyway). */
        @Override
        public void ready() {
            SessionEvents.change(session, SelectionKey.OP_WRITE, true);
        }

        @Override
        public IOException closed() {
            return closed ? new IOException("the connection to the client is closed") : null;
        }

        @Override
        public boolean unsent() {
            return outbound != null && outbound.position() > 0;
        }
    };

    /** A TLS handshake to begin once the bytes before it are written. */
    private record TlsStart(SSLContext context, Consumer<SSLEngine> initializer, Timeout timeout) {
    }

    /**
     * A connection on {@code session}, served by {@code workers}; parked, or with a client that
     * reads nothing, it is closed after {@code idleMillis}.
     */
    ClientConnection(ProtocolIOSession session, Executor workers, BufferPool buffers, long idleMillis) {
        this.session = session;
        this.workers = workers;
        this.buffers = buffers;
        this.idleMillis = idleMillis;
        this.idle = Timeout.ofMilliseconds(idleMillis);
        session.setSocketTimeout(Timeout.DISABLED);
    }

    /** Starts serving with {@code turns}; the first turn comes with the client's first bytes. */
    void serve(Turns turns) {
        lock.lock();
        try {
            this.turns = turns;
        } finally {
            lock.unlock();
        }
    }

    InputStream in() {
        return input;
    }

    OutputStream out() {
        return output;
    }

    /** The client's address, once connected. */
    InetSocketAddress remote() {
        SocketAddress address = session.getRemoteAddress();
        return address instanceof InetSocketAddress inet ? inet : null;
    }

    /** The proxy's address of this connection, once connected. */
    InetSocketAddress local() {
        SocketAddress address = session.getLocalAddress();
        return address instanceof InetSocketAddress inet ? inet : null;
    }

    /**
     * Reads by the worker wait at most this long for bytes ({@code 0}: for ever) before a
     * {@link SocketTimeoutException}.
     */
    void readTimeout(long millis) {
        readTimeoutMillis = millis;
    }

    /** Whether bytes wait that the worker has not read. */
    private boolean readable() {
        lock.lock();
        try {
            return input.buffered() > 0 || inbound != null && inbound.position() > 0;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Answers the client's TLS handshake once what the worker wrote so far is sent: as a server,
     * with {@code context}, the engine set up by {@code initializer}. The handshake must end within
     * {@code timeoutMillis}. The bytes that follow are the decrypted ones.
     *
     * @throws IOException when the client already sent bytes after its CONNECT: they are not a
     *                     handshake the proxy could still answer
     */
    void startTls(SSLContext context, Consumer<SSLEngine> initializer, long timeoutMillis)
            throws IOException {
        lock.lock();
        try {
            if (readable()) {
                throw new IOException("the client sent bytes before the tunnel was established");
            }
            tlsStart = new TlsStart(context, initializer, Timeout.ofMilliseconds(timeoutMillis));
            requestWrite();
        } finally {
            lock.unlock();
        }
    }

    /** Why the connection failed, when the reactor saw it fail (such as a TLS alert), else {@code null}. */
    Exception failure() {
        lock.lock();
        try {
            return failure;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sends the next {@code length} bytes of {@code source} after what the worker wrote, moved by
     * the reactor as they arrive ({@link BodyRelay}); returns once all of them are in the
     * connection's buffer. A client that reads nothing for the connection's idle time while the
     * buffer is full fails the relay, as it fails a worker's write.
     *
     * @return {@code length}
     * @throws IOException when the stream failed or ended early, or the client went away
     */
    long relay(StreamInput source, long length) throws IOException {
        return new BodyRelay(source, length).run(lock, relayed, idleMillis, "the client", relayOwner);
    }

    /** Closes the connection once what the worker wrote is sent. */
    @Override
    public void close() {
        lock.lock();
        try {
            closeWhenWritten = true;
            requestWrite();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Once what the worker wrote is sent, {@code next} takes the connection's events, and the
     * worker's turn ends (no more turns come).
     */
    void handOver(Successor next) throws IOException {
        lock.lock();
        try {
            if (closed || closeWhenWritten) {
                throw new IOException("the connection to the client is closed");
            }
            successor = next;
            arrived.signalAll();
            requestWrite();
        } finally {
            lock.unlock();
        }
    }

    /** Closes the connection at once, with what is still to send; a parked connection ends. */
    void abort() {
        Successor handedTo;
        lock.lock();
        try {
            markClosed();
            handedTo = successor;
        } finally {
            lock.unlock();
        }
        session.close(CloseMode.IMMEDIATE);
        if (handedTo != null) {
            handedTo.abort();
            end(); // once only: the successor may have ended it already
        }
        dispatchIfParked();
    }

    // The reactor's side.

    @Override
    public void connected(IOSession ioSession) throws IOException {
        // Called when the connection is accepted, and again when a TLS handshake ends.
        H2Connection upgraded = null;
        lock.lock();
        try {
            if (parked) {
                session.setSocketTimeout(idle); // a TLS handshake ended: it had its own time limit
            }
            TlsDetails tls = session.getTlsDetails();
            if (tls != null && H2.equals(tls.getApplicationProtocol()) && !http2 && !closed) {
                // The worker that asked for TLS may still wait for more (park): it ends its turn.
                http2 = true;
                arrived.signalAll();
                upgraded = new H2Connection(session, turns.http2(session, idleMillis), this::end);
            }
        } finally {
            lock.unlock();
        }
        if (upgraded != null) {
            session.upgrade(upgraded);
            upgraded.connected(ioSession);
        }
    }

    @Override
    public void inputReady(IOSession ioSession, ByteBuffer src) throws IOException {
        boolean dispatch;
        lock.lock();
        try {
            if (src != null) {
                take(src);
            } else {
                readChannel();
            }
            if (inbound != null && inbound.position() >= READ_AHEAD && !readPaused) {
                readPaused = true;
                interest(SelectionKey.OP_READ, false);
            }
            arrived.signalAll();
            dispatch = wakeParked();
        } finally {
            lock.unlock();
        }
        if (dispatch) {
            dispatch();
        }
    }

    /** Takes decrypted bytes: all of them (the TLS layer keeps none), growing the buffer if need be. */
    private void take(ByteBuffer src) {
        if (inbound == null) {
            inbound = buffers.take();
        }
        if (inbound.remaining() < src.remaining()) {
            ByteBuffer larger = ByteBuffer.allocate(inbound.position() + src.remaining());
            inbound.flip();
            larger.put(inbound);
            inbound = larger;
        }
        inbound.put(src);
    }

    private void readChannel() throws IOException {
        if (endOfInput) {
            return;
        }
        if (inbound == null) {
            inbound = buffers.take();
        }
        while (inbound.position() < READ_AHEAD) {
            int read = session.read(inbound);
            if (read < 0) {
                endOfInput = true;
                interest(SelectionKey.OP_READ, false);
                return;
            }
            if (read == 0) {
                return;
            }
        }
    }

    @Override
    public void outputReady(IOSession ioSession) throws IOException {
        TlsStart start = null;
        boolean closeNow = false;
        Successor next = null;
        ByteBuffer unread = null;
        lock.lock();
        try {
            send();
            if (relay != null) {
                if (outbound == null) {
                    outbound = buffers.take();
                }
                while (relay.pull(outbound)) {
                    send();
                }
                if (relay.done()) {
                    relayed.signalAll();
                }
            }
            if (outbound == null || outbound.position() == 0) {
                if (parked && outbound != null) {
                    buffers.give(outbound); // written after the worker parked the connection: nothing more to come
                    outbound = null;
                }
                writeRequested = false;
                interest(SelectionKey.OP_WRITE, false);
                if (relay != null && relay.ready()) {
                    requestWrite(); // the API's stream had news as the interest went: it is not lost
                } else if (tlsStart != null) {
                    start = tlsStart;
                    tlsStart = null;
                } else if (successor != null && !succeeded && !closed) {
                    succeeded = true;
                    next = successor;
                    unread = unread();
                } else if (closeWhenWritten) {
                    closeNow = true;
                }
            }
        } finally {
            lock.unlock();
        }
        if (next != null) {
            session.upgrade(next);
            next.start(session, unread, this::end);
        } else if (start != null) {
            TlsStart begin = start;
            session.startTls(begin.context(), null, SSLBufferMode.DYNAMIC,
                    (endpoint, engine) -> begin.initializer().accept(engine), null, begin.timeout());
        } else if (closeNow) {
            session.close(CloseMode.GRACEFUL);
        }
    }

    /** Under the lock: writes what the worker or the relay put in the buffer, as much as the socket takes. */
    private void send() throws IOException {
        if (outbound == null || outbound.position() == 0) {
            return;
        }
        outbound.flip();
        try {
            while (outbound.hasRemaining() && session.write(outbound) > 0) {
                // as much as the socket (or the TLS layer) takes
            }
        } finally {
            outbound.compact();
        }
        if (outbound.position() <= OUTBOUND / 2) {
            room.signalAll(); // room for the worker again (not at every record: fewer wake-ups)
        }
    }

    @Override
    public void timeout(IOSession ioSession, Timeout timeout) {
        abort(); // parked and idle past its time (a worker's connection has none)
    }

    @Override
    public void exception(IOSession ioSession, Exception cause) {
        lock.lock();
        try {
            if (failure == null) {
                failure = cause;
            }
        } finally {
            lock.unlock();
        }
        abort();
    }

    @Override
    public void disconnected(IOSession ioSession) {
        Successor waiting;
        lock.lock();
        try {
            markClosed();
            waiting = successor;
        } finally {
            lock.unlock();
        }
        if (waiting != null) {
            waiting.abort(); // gone before it was handed over
            end();
        }
        dispatchIfParked();
    }

    /**
     * Under the lock: the client's bytes that no worker read, from the worker's buffer and the
     * reactor's (read mode), for the connection's successor; the buffers go back to the pool.
     */
    private ByteBuffer unread() {
        ByteBuffer unread = ByteBuffer.allocate(input.buffered() + (inbound == null ? 0 : inbound.position()));
        input.drainTo(unread);
        if (inbound != null) {
            unread.put(inbound.flip());
            buffers.give(inbound);
            inbound = null;
        }
        if (outbound != null) {
            buffers.give(outbound);
            outbound = null;
        }
        return unread.flip();
    }

    private void markClosed() {
        closed = true;
        endOfInput = true;
        arrived.signalAll();
        room.signalAll();
        relayed.signalAll();
    }

    // The worker's side.

    /**
     * Ends the worker's turn: the connection waits for more input, or the worker goes on when more
     * came already (then {@code true}).
     */
    private boolean park() {
        long deadline = System.nanoTime() + LINGER_NANOS;
        lock.lock();
        try {
            while (true) {
                if (http2 || successor != null) {
                    releaseBuffers();
                    return false; // the connection is an H2Connection's, or its successor's, now
                }
                if (input.buffered() > 0 || inbound != null && inbound.position() > 0 || endOfInput) {
                    return true;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                arrived.awaitNanos(left);
            }
            parked = true;
            session.setSocketTimeout(idle);
            releaseBuffers();
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock: gives the buffers that hold nothing back to the pool. */
    private void releaseBuffers() {
        input.release();
        if (inbound != null && inbound.position() == 0) {
            buffers.give(inbound);
            inbound = null;
        }
        if (outbound != null && outbound.position() == 0) {
            buffers.give(outbound);
            outbound = null;
        }
    }

    /** Under the lock: whether a parked connection has something for a worker now (it is then no longer parked). */
    private boolean wakeParked() {
        if (parked && turns != null && !http2 && successor == null && (inbound != null && inbound.position() > 0 || endOfInput)) {
            parked = false;
            session.setSocketTimeout(Timeout.DISABLED);
            return true;
        }
        return false;
    }

    private void dispatchIfParked() {
        boolean dispatch;
        lock.lock();
        try {
            dispatch = wakeParked();
        } finally {
            lock.unlock();
        }
        if (dispatch) {
            dispatch();
        }
    }

    private void dispatch() {
        try {
            workers.execute(this::turn);
        } catch (RejectedExecutionException e) {
            end(); // the proxy is closing: no worker for a last turn
        }
    }

    /** A worker's turn: requests until the connection must wait or end. */
    private void turn() {
        boolean waiting = false;
        try {
            while (turns.serve()) {
                if (!park()) {
                    waiting = true;
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            // The client went away or broke a rule; the request in progress was audited if it got a status.
        } finally {
            if (!waiting) {
                close();
                end();
            }
        }
    }

    private void end() {
        lock.lock();
        try {
            if (ended) {
                return;
            }
            ended = true;
        } finally {
            lock.unlock();
        }
        if (turns != null) {
            turns.ended();
        }
    }

    /** Under the lock: asks the reactor to write (and to act on a close or TLS start). */
    private void requestWrite() {
        if (!writeRequested && !closed) {
            writeRequested = true;
            interest(SelectionKey.OP_WRITE, true);
        }
    }

    /**
     * Under the lock: asks the reactor for ({@code on}) or no longer for events of {@code op}. A
     * session the reactor or an abort closed meanwhile (its key cancelled under the TLS layer)
     * only marks the connection closed.
     */
    private void interest(int op, boolean on) {
        if (!SessionEvents.change(session, op, on)) {
            markClosed();
        }
    }

    /** The client's bytes, read by the worker through a buffer of its own (one lock per refill). */
    private final class Input extends InputStream {
        private ByteBuffer held;
        private byte[] local;
        private int position;
        private int limit;

        int buffered() {
            return limit - position;
        }

        /** Moves the bytes not read yet to {@code to}, and gives the buffer back. */
        void drainTo(ByteBuffer to) {
            to.put(local == null ? new byte[0] : local, position, limit - position);
            position = limit;
            release();
        }

        void release() {
            if (position == limit && held != null) {
                buffers.give(held);
                held = null;
                local = null;
                position = 0;
                limit = 0;
            }
        }

        @Override
        public int read() throws IOException {
            if (position == limit && !fill()) {
                return -1;
            }
            return local[position++] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (position == limit && !fill()) {
                return -1;
            }
            int n = Math.min(len, limit - position);
            System.arraycopy(local, position, b, off, n);
            position += n;
            return n;
        }

        @Override
        public int available() {
            lock.lock();
            try {
                return buffered() + (inbound == null ? 0 : inbound.position());
            } finally {
                lock.unlock();
            }
        }

        /** Waits for bytes and takes what is there: whether any came before the end of input. */
        private boolean fill() throws IOException {
            long timeout = readTimeoutMillis;
            long deadline = timeout > 0 ? System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeout) : 0;
            lock.lock();
            try {
                while (inbound == null || inbound.position() == 0) {
                    if (endOfInput) {
                        return false;
                    }
                    if (timeout > 0) {
                        long left = deadline - System.nanoTime();
                        if (left <= 0) {
                            throw new SocketTimeoutException("no bytes from the client in " + timeout + " ms");
                        }
                        arrived.awaitNanos(left);
                    } else {
                        arrived.await();
                    }
                }
                if (local == null) {
                    held = buffers.take();
                    local = held.array();
                }
                inbound.flip();
                limit = Math.min(local.length, inbound.remaining());
                inbound.get(local, 0, limit);
                inbound.compact();
                position = 0;
                if (readPaused && inbound.position() < READ_AHEAD && !closed) {
                    readPaused = false;
                    interest(SelectionKey.OP_READ, true);
                }
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading from the client");
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * The worker's bytes for the client: buffered, sent by the reactor on {@link #flush()} or when
     * full. A client that reads nothing for the connection's idle time while the buffer is full
     * fails the write, so that it cannot hold a worker for good.
     */
    private final class Output extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            lock.lock();
            try {
                room().put((byte) b);
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            lock.lock();
            try {
                while (len > 0) {
                    ByteBuffer room = room();
                    int n = Math.min(len, room.remaining());
                    room.put(b, off, n);
                    off += n;
                    len -= n;
                }
            } finally {
                lock.unlock();
            }
        }

        /** Under the lock: the write buffer once it has room, the reactor having sent some if it was full. */
        private ByteBuffer room() throws IOException {
            while (true) {
                if (closed || closeWhenWritten) {
                    throw new IOException("the connection to the client is closed");
                }
                if (outbound == null) {
                    outbound = buffers.take();
                }
                if (outbound.hasRemaining()) {
                    return outbound;
                }
                requestWrite();
                try {
                    if (!room.await(idleMillis, TimeUnit.MILLISECONDS) && !outbound.hasRemaining()) {
                        throw new IOException("the client read nothing for " + idleMillis / 1000 + " s");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while writing to the client");
                }
            }
        }

        /**
         * Has the reactor send what was written. Fails only when bytes are left that cannot be sent:
         * a client that took the whole answer and closed before the last flush lost nothing.
         */
        @Override
        public void flush() throws IOException {
            lock.lock();
            try {
                if (outbound == null || outbound.position() == 0) {
                    return;
                }
                if (closed) {
                    throw new IOException("the connection to the client is closed");
                }
                requestWrite();
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void close() {
            ClientConnection.this.close();
        }
    }
}
