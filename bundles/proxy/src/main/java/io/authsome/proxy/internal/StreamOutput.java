package io.authsome.proxy.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.hc.core5.http.nio.DataStreamChannel;

/**
 * A body that a worker writes and the I/O reactor sends on an HTTP/2 stream as DATA frames: the
 * client's answer ({@link H2Stream}) or a request to the API ({@link H2Call}). The worker's bytes
 * wait in a buffer of their own until flushed or the buffer is full; the reactor takes them as the
 * stream's window allows ({@link #produce}), so a peer that reads nothing slows the worker, and
 * fails its write after the idle time. Closing it ends the stream once all is sent. An API's
 * answer of known length still arriving may instead be moved by the reactor from its stream as it
 * comes ({@link #relay}).
 */
final class StreamOutput extends OutputStream {
    /** What happens before the first bytes go: an answer's head is sent, with them. */
    interface Opening {
        void open() throws IOException;
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition room = lock.newCondition();
    /** The body the reactor relays ended: what a worker in {@link #relay} waits for. */
    private final Condition relayed = lock.newCondition();
    private final ByteBuffer pending;
    private final long idleMillis;
    private final String peer;
    private Opening opening;
    /** Set under the lock, read without it when the relayed stream has news. */
    private volatile DataStreamChannel channel;
    /** A body the reactor moves from an API's stream, or {@code null}. */
    private BodyRelay relay;
    private final BodyRelay.Owner relayOwner = new BodyRelay.Owner() {
        @Override
        public void start(BodyRelay next) throws IOException {
            if (failed) {
                throw new IOException(peer + " closed the HTTP/2 stream");
            }
            relay = next;
            requestOutput();
        }

        @Override
        public void end() {
            relay = null;
        }

        /** On the API's reactor: the stream is to send (a connection gone: its end wakes the worker). */
        @Override
        public void ready() {
            DataStreamChannel known = channel;
            if (known != null) {
                try {
                    known.requestOutput();
                } catch (CancelledKeyException e) {
                    // nothing more to send on
                }
            }
        }

        @Override
        public IOException closed() {
            return failed ? new IOException(peer + " closed the HTTP/2 stream") : null;
        }

        @Override
        public boolean unsent() {
            return !pending.hasRemaining();
        }
    };
    private boolean complete;
    private boolean endSent;
    private boolean failed;

    /**
     * @param size       the bytes that may wait to be sent
     * @param idleMillis how long a write waits for room before it fails
     * @param peer       who reads the stream, for errors ("the client")
     * @param opening    run (on the worker, once) when the first bytes are to go, or {@code null}
     */
    StreamOutput(int size, long idleMillis, String peer, Opening opening) {
        this.pending = ByteBuffer.allocate(size);
        this.idleMillis = idleMillis;
        this.peer = peer;
        this.opening = opening;
    }

    // The reactor's side.

    /** How many bytes are ready to send; 1 for a stream to end with none, or for a relay with news. */
    int available() {
        lock.lock();
        try {
            if (pending.position() > 0) {
                return pending.position();
            }
            return relay != null && relay.ready() || complete && !endSent ? 1 : 0;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sends what the stream's window allows (what the relay has, as it arrives), and ends the
     * stream once all is sent.
     */
    void produce(DataStreamChannel dataChannel) throws IOException {
        lock.lock();
        try {
            channel = dataChannel;
            int sent = 0;
            while (true) {
                if (relay != null) {
                    relay.pull(pending);
                }
                int n = send(dataChannel);
                sent += n;
                if (n == 0 || relay == null) {
                    break;
                }
            }
            if (sent > 0 && pending.position() <= pending.capacity() / 2) {
                room.signalAll();
            }
            if (relay != null && relay.done()) {
                // The relay is the rest of the body: the stream ends with its last bytes, not after
                // the worker woke (a client with all the bytes it was told of may be gone by then).
                complete = complete || relay.whole();
                relayed.signalAll();
            }
            if (complete && !endSent && pending.position() == 0) {
                endSent = true;
                dataChannel.endStream();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock: what the window takes of what waits, as one DATA frame. */
    private int send(DataStreamChannel dataChannel) throws IOException {
        if (pending.position() == 0) {
            return 0;
        }
        pending.flip();
        try {
            return dataChannel.write(pending);
        } finally {
            pending.compact();
        }
    }

    /** The stream ended (reset, or its connection gone): a write still waiting fails. */
    void abort() {
        lock.lock();
        try {
            failed = !endSent;
            room.signalAll();
            relayed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    // The worker's side.

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        lock.lock();
        try {
            while (len > 0) {
                if (failed) {
                    throw new IOException(peer + " closed the HTTP/2 stream");
                }
                if (!pending.hasRemaining()) {
                    awaitRoom();
                    continue;
                }
                int n = Math.min(len, pending.remaining());
                pending.put(b, off, n);
                off += n;
                len -= n;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock: asks the reactor to send, and waits until it took some. */
    private void awaitRoom() throws IOException {
        requestOutput();
        try {
            if (!room.await(idleMillis, TimeUnit.MILLISECONDS) && !pending.hasRemaining() && !failed) {
                throw new IOException(peer + " read nothing for " + idleMillis / 1000 + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing to " + peer);
        }
    }

    /**
     * Sends the rest of the body, the next {@code length} bytes of {@code source}, after what the
     * worker wrote, moved by the reactor as they arrive ({@link BodyRelay}); the stream ends with
     * the last of them. Returns once all of them are in the buffer.
     *
     * @return {@code length}
     * @throws IOException when the stream failed or ended early, or the peer went away or read
     *                     nothing for the idle time
     */
    long relay(StreamInput source, long length) throws IOException {
        return new BodyRelay(source, length).run(lock, relayed, idleMillis, peer, relayOwner);
    }

    @Override
    public void flush() throws IOException {
        lock.lock();
        try {
            if (pending.position() > 0 || opening != null) {
                requestOutput();
            }
        } finally {
            lock.unlock();
        }
    }

    /** The body is whole: the stream ends once it is sent. */
    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            if (!complete) {
                complete = true;
                requestOutput();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Whether the whole body was written (it may still be on its way). */
    boolean complete() {
        lock.lock();
        try {
            return complete;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Under the lock: runs the opening first, if it has not run (the multiplexer then asks for
     * the body on this thread); else asks the reactor for a turn, once it has asked for the body.
     * Safe under the lock: the reactor never holds the connection's lock when it calls in here.
     * A connection closed meanwhile (its key cancelled under the TLS layer) fails the stream.
     */
    private void requestOutput() throws IOException {
        try {
            if (opening != null) {
                Opening first = opening;
                opening = null;
                first.open();
            } else if (channel != null) {
                channel.requestOutput();
            }
        } catch (CancelledKeyException e) {
            failed = true;
            throw new IOException(peer + " closed the connection", e);
        }
    }
}
