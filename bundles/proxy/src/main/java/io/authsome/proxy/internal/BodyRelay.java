package io.authsome.proxy.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;

/**
 * An API's answer body of known length on its way from an HTTP/2 stream ({@link StreamInput}) to
 * the client, moved by the reactor of the client's connection as it arrives instead of by a worker
 * (to an HTTP/1.1 client {@link ClientConnection#relay}, to an HTTP/2 one {@link StreamOutput#relay}):
 * the worker waits once for the whole body, not once for every frame, and the bytes are copied
 * once less. Guarded by its owner's lock.
 */
final class BodyRelay {
    /**
     * The client's side of a relay: the connection or stream it goes to, whose reactor moves it.
     * All but {@link #ready} are called under the owner's lock.
     */
    interface Owner {
        /** Takes the relay on and asks its reactor to move it; fails when the client went away. */
        void start(BodyRelay relay) throws IOException;

        /** The relay ended (moved, or failed): the owner lets it go. */
        void end();

        /** On the API's reactor, outside any lock: the stream had news, the owner's reactor is to move it. */
        void ready();

        /** Why the relay cannot go on (the client went away), or {@code null}. */
        IOException closed();

        /** Whether bytes wait unsent: a client that reads nothing holds the relay up. */
        boolean unsent();
    }

    private final StreamInput source;
    private final long length;
    private long left;
    private long moved;
    private IOException failure;
    private boolean done;

    /** The next {@code length} bytes of {@code source}. */
    BodyRelay(StreamInput source, long length) {
        this.source = source;
        this.length = length;
        this.left = length;
        this.done = length == 0;
    }

    /**
     * The stream on which {@code body}, of known length, is still arriving, when it is to be
     * relayed; {@code null} when a worker is to copy it (its length unknown, or all of it here).
     */
    static StreamInput arriving(MessageBody body, InputStream in) {
        return in instanceof StreamInput stream && body.framing() == MessageBody.Framing.LENGTH
                && body.length() > stream.available() ? stream : null;
    }

    /**
     * Hands the relay to {@code owner}, whose reactor moves it, and waits (on {@code relayed}, the
     * owner's condition, signalled as the relay moves or ends) until the whole body moved. A client
     * that read nothing for {@code idleMillis} while bytes wait for it fails the relay, as it fails
     * a worker's write.
     *
     * @param peer who reads the body, for errors ("the client")
     * @return the length
     * @throws BodyCut when the stream failed or ended early, or the client went away or stalled
     */
    long run(Lock lock, Condition relayed, long idleMillis, String peer, Owner owner) throws IOException {
        lock.lock();
        try {
            owner.start(this);
        } catch (IOException e) {
            throw new BodyCut(0, e);
        } finally {
            lock.unlock();
        }
        source.listen(owner::ready);
        try {
            lock.lock();
            try {
                await(relayed, idleMillis, peer, owner);
            } catch (IOException e) {
                throw new BodyCut(moved, e);
            } finally {
                owner.end();
                lock.unlock();
            }
            return length;
        } finally {
            source.listen(null);
        }
    }

    /** Under the owner's lock. */
    private void await(Condition relayed, long idleMillis, String peer, Owner owner) throws IOException {
        try {
            while (!done) {
                IOException closed = owner.closed();
                if (closed != null) {
                    throw closed;
                }
                long before = moved;
                if (!relayed.await(idleMillis, TimeUnit.MILLISECONDS) && moved == before && owner.unsent()) {
                    throw new IOException(peer + " read nothing for " + idleMillis / 1000 + " s");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while relaying to " + peer);
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Moves what arrived to {@code to}, as much as it takes: whether any moved. The end of the
     * stream before the length, or its failure, ends the relay with a failure.
     */
    boolean pull(ByteBuffer to) {
        if (done || !to.hasRemaining()) {
            return false;
        }
        try {
            int n = source.take(to, left);
            if (n < 0) {
                finish(new EOFException("body ended " + left + " bytes early"));
                return false;
            }
            left -= n;
            moved += n;
            if (left == 0) {
                finish(null);
            }
            return n > 0;
        } catch (IOException e) {
            finish(e);
            return false;
        }
    }

    /** Whether the relay ended: the whole body moved, or it failed. */
    boolean done() {
        return done;
    }

    /** Whether the whole body moved. */
    boolean whole() {
        return done && failure == null;
    }

    /** Whether {@link #pull} has something to do. */
    boolean ready() {
        return !done && source.ready();
    }

    private void finish(IOException cause) {
        done = true;
        failure = cause;
    }
}
