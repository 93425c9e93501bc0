package io.authsome.proxy.internal;

import java.io.IOException;
import java.io.OutputStream;

/**
 * An answer's body that failed on its way to the client: the failure, and how many of the body's
 * bytes had gone to the client's side by then, for the audit. Its message is the failure's.
 */
final class BodyCut extends IOException {
    private static final long serialVersionUID = 1L;
    private final long moved;

    BodyCut(long moved, IOException failure) {
        super(failure.getMessage(), failure);
        this.moved = moved;
    }

    /** A copy of a body to a stream. */
    interface Copy {
        /** Copies the body to {@code out}: the number of body bytes. */
        long to(OutputStream out) throws IOException;
    }

    /**
     * Has {@code copy} write a body to {@code out}, counting what it writes (chunk framing
     * included); a failure comes as a {@link BodyCut} with the bytes written before it.
     */
    static long counted(OutputStream out, Copy copy) throws BodyCut {
        Counted counted = new Counted(out);
        try {
            return copy.to(counted);
        } catch (IOException e) {
            throw new BodyCut(counted.bytes, e);
        }
    }

    /** The failure itself: {@code e}'s, when {@code e} is a {@link BodyCut}, else {@code e}. */
    static IOException failure(IOException e) {
        return e instanceof BodyCut cut ? (IOException) cut.getCause() : e;
    }

    /** The body bytes that had gone to the client's side when {@code e} came, {@code 0} when not known. */
    static long moved(IOException e) {
        return e instanceof BodyCut cut ? cut.moved : 0;
    }

    /** A stream that counts the bytes written through it; closing it leaves {@code out} open. */
    private static final class Counted extends OutputStream {
        private final OutputStream out;
        private long bytes;

        Counted(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            bytes += len;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }
    }
}
