package io.authsome.proxy.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.hc.core5.http.nio.CapacityChannel;
import org.apache.hc.core5.http2.H2Error;
import org.apache.hc.core5.http2.H2StreamResetException;

/**
 * The body of an API's answer on an HTTP/2 stream ({@link H2Call}), which the I/O reactor
 * receives and a worker reads: the worker takes whatever has arrived in one read. A body still
 * arriving may instead be taken by the client's reactor as it comes ({@link #listen},
 * {@link #take}: {@link BodyRelay}), which grants room as the worker would. The stream's
 * window is this buffer: the API may send only what fits ({@link #WINDOW}, the window the
 * requester announces), and room goes back to it in batches, not as each read frees some: from the
 * reactor when HttpCore finds the window under half as DATA arrives (what is free, 8 KiB or more);
 * from the worker only when it freed more than half the window that the reactor could not grant
 * (it drained a buffer the API had filled), since a grant from the worker wakes the reactor. A
 * stream that fails makes reads fail, so that an answer cut short is never taken for a whole one.
 * The buffer grows with what waits, up to the window.
 *
 * <p>What the API may still send is counted here from the bytes that arrive, which leave out a
 * frame's padding; so when HttpCore says the window is under half ({@link #updateCapacity}, just
 * before the frame that took it there is {@linkplain #fill filled}), the count is brought down to
 * that, and padding can never shrink the window for good.
 */
final class StreamInput extends InputStream {
    /** The stream's window: HTTP/2's initial window, which the requester keeps. */
    static final int WINDOW = 65_535;
    /** The first buffer: a small answer's size, at least this. */
    private static final int FIRST = 1024;
    /** HttpCore asks for room when the window is under this (half the window). */
    private static final int LOW_MARK = WINDOW / 2;
    /** The least room the reactor grants: less waits for the worker to free more. */
    private static final int SMALLEST_GRANT = 8 * 1024;
    /**
     * The least room the worker grants: more than it can free before HttpCore asks the reactor
     * (at most the window less {@link #LOW_MARK}), so that a worker that keeps up never grants,
     * and no more than a drained buffer frees after HttpCore asked (at least that much plus one).
     */
    private static final int WORKER_GRANT = WINDOW - LOW_MARK + 1;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    /** What arrived and was not read, in read mode; {@code null} before any. */
    private ByteBuffer buffer;
    /** What the API may still send: the window less what arrived since. */
    private int credit = WINDOW;
    private CapacityChannel capacity;
    /** HttpCore found the window under half: the frame on its way is filled next. */
    private boolean low;
    private boolean ended;
    private IOException failure;
    /** What is told that bytes arrived or the stream ended, when a relay takes the body ({@link #listen}). */
    private Runnable listener;

    // The reactor's side.

    /**
     * Appends {@code src}, all of it: the window keeps what waits under {@link #WINDOW}.
     *
     * @throws H2StreamResetException when the API sent far more than its window allowed: the
     *                                stream is reset rather than its buffer grown without end
     */
    void fill(ByteBuffer src) throws IOException {
        Runnable told;
        lock.lock();
        try {
            int n = src.remaining();
            if (buffered() + n > 2 * WINDOW) {
                throw new H2StreamResetException(H2Error.FLOW_CONTROL_ERROR, "the API sent past its window");
            }
            credit -= n;
            room(n).put(src).flip();
            arrived.signal();
            if (low) {
                low = false;
                credit = Math.min(credit, LOW_MARK - 1);
                grant(SMALLEST_GRANT);
            }
            told = listener;
        } finally {
            lock.unlock();
        }
        tell(told);
    }

    /** The stream's window is under half, with the frame that HttpCore passes on next. */
    void updateCapacity(CapacityChannel channel) {
        lock.lock();
        try {
            capacity = channel;
            low = true;
        } finally {
            lock.unlock();
        }
    }

    /** The body is whole. */
    void end() {
        Runnable told;
        lock.lock();
        try {
            ended = true;
            capacity = null;
            arrived.signal();
            told = listener;
        } finally {
            lock.unlock();
        }
        tell(told);
    }

    /** The stream failed: reads that come to its end fail with {@code cause}'s message. */
    void fail(Exception cause) {
        Runnable told;
        lock.lock();
        try {
            if (!ended && failure == null) {
                failure = new IOException("the API's HTTP/2 stream failed: " + cause.getMessage(), cause);
            }
            capacity = null;
            arrived.signal();
            told = listener;
        } finally {
            lock.unlock();
        }
        tell(told);
    }

    /** Outside the lock: the listener's calls may take locks of their own. */
    private static void tell(Runnable listener) {
        if (listener != null) {
            listener.run();
        }
    }

    // The worker's side.

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        lock.lock();
        try {
            while (buffered() == 0) {
                if (failure != null) {
                    throw failure;
                }
                if (ended) {
                    return -1;
                }
                arrived.await();
            }
            int n = Math.min(len, buffer.remaining());
            buffer.get(b, off, n);
            grant(WORKER_GRANT);
            return n;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the API");
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int available() {
        lock.lock();
        try {
            return buffered();
        } finally {
            lock.unlock();
        }
    }

    // A relay's side: the body taken by another reactor as it arrives, without a worker.

    /**
     * Has {@code listener} told (on the thread that filled, ended or failed the stream, outside
     * this buffer's lock) whenever bytes arrive or the stream ends or fails, and once now if any
     * of that happened already; {@code null}: no longer.
     */
    void listen(Runnable listener) {
        boolean news;
        lock.lock();
        try {
            this.listener = listener;
            news = news();
        } finally {
            lock.unlock();
        }
        if (news) {
            tell(listener);
        }
    }

    /**
     * Moves what arrived to {@code to}, {@code max} bytes at most, without waiting, and grants
     * room as a worker's read does.
     *
     * @return how many bytes moved ({@code 0}: none arrived yet), or {@code -1} at the end
     * @throws IOException when the stream failed and what arrived before was taken
     */
    int take(ByteBuffer to, long max) throws IOException {
        lock.lock();
        try {
            if (buffered() == 0) {
                if (failure != null) {
                    throw failure;
                }
                return ended ? -1 : 0;
            }
            int n = (int) Math.min(Math.min(max, to.remaining()), buffer.remaining());
            int limit = buffer.limit();
            to.put(buffer.limit(buffer.position() + n));
            buffer.limit(limit);
            grant(WORKER_GRANT);
            return n;
        } finally {
            lock.unlock();
        }
    }

    /** Whether {@link #take} has something to say: bytes, the end, or the failure. */
    boolean ready() {
        lock.lock();
        try {
            return news();
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock. */
    private boolean news() {
        return buffered() > 0 || ended || failure != null;
    }

    /** Under the lock. */
    private int buffered() {
        return buffer == null ? 0 : buffer.remaining();
    }

    /** Under the lock: grants the room neither waiting nor granted already, when it is {@code least} or more. */
    private void grant(int least) throws IOException {
        int free = WINDOW - buffered() - credit;
        if (capacity != null && free >= least) {
            credit += free;
            capacity.update(free);
        }
    }

    /** Under the lock: the buffer in write mode with room for {@code n} more bytes. */
    private ByteBuffer room(int n) {
        if (buffer == null) {
            buffer = ByteBuffer.allocate(Math.max(FIRST, n));
            return buffer;
        }
        buffer.compact();
        if (buffer.remaining() < n) {
            int size = buffer.capacity();
            while (size - buffer.position() < n) {
                size *= 2;
            }
            ByteBuffer larger = ByteBuffer.allocate(size);
            larger.put(buffer.flip());
            buffer = larger;
        }
        return buffer;
    }
}
