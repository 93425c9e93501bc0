package io.authsome.proxy.internal;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * An API's answer body of known length on its way from an HTTP/2 stream ({@link StreamInput}) to
 * an HTTP/1.1 client, moved by the client connection's reactor as it arrives
 * ({@link ClientConnection#relay}) instead of by a worker: the worker waits once for the whole
 * body, not once for every frame, and the bytes are copied once less. Guarded by the client
 * connection's lock.
 */
final class BodyRelay {
    private final StreamInput source;
    private long left;
    private long moved;
    private IOException failure;
    private boolean done;

    /** The next {@code length} bytes of {@code source}. */
    BodyRelay(StreamInput source, long length) {
        this.source = source;
        this.left = length;
        this.done = length == 0;
    }

    StreamInput source() {
        return source;
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

    /** Whether {@link #pull} has something to do. */
    boolean ready() {
        return !done && source.ready();
    }

    /** The bytes moved so far. */
    long moved() {
        return moved;
    }

    /** Why the relay failed, or {@code null}. */
    IOException failure() {
        return failure;
    }

    private void finish(IOException cause) {
        done = true;
        failure = cause;
    }
}
