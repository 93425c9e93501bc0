package io.authsome.proxy.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A body of unknown length in HTTP/1.1 chunked framing (RFC 9112 7.1): what each read of the
 * source gives becomes one chunk, and its end the last chunk. An HTTP/2 request body without a
 * {@code content-length} goes to the API so.
 */
final class ChunkedInput extends InputStream {
    private static final int CHUNK = 16 * 1024;
    private static final byte[] LAST = "0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    private final InputStream source;
    private final byte[] data = new byte[CHUNK];
    /** The framed bytes not read yet: {@code frame[position..limit)}. */
    private final byte[] frame = new byte[CHUNK + 32];
    private int position;
    private int limit;
    private boolean lastSent;

    ChunkedInput(InputStream source) {
        this.source = source;
    }

    @Override
    public int read() throws IOException {
        if (position == limit && !refill()) {
            return -1;
        }
        return frame[position++] & 0xff; // chunk lines are read a byte at a time: no array for each
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (position == limit && !refill()) {
            return -1;
        }
        int n = Math.min(len, limit - position);
        System.arraycopy(frame, position, b, off, n);
        position += n;
        return n;
    }

    @Override
    public int available() throws IOException {
        return limit - position + (lastSent ? 0 : source.available());
    }

    /** The next chunk of the source's bytes, or the last chunk at its end: whether there is anything more. */
    private boolean refill() throws IOException {
        if (lastSent) {
            return false;
        }
        int read;
        do {
            read = source.read(data, 0, CHUNK); // never an empty chunk: that would be the last
        } while (read == 0);
        position = 0;
        if (read < 0) {
            System.arraycopy(LAST, 0, frame, 0, LAST.length);
            limit = LAST.length;
            lastSent = true;
            return true;
        }
        byte[] size = (Integer.toHexString(read) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(size, 0, frame, 0, size.length);
        System.arraycopy(data, 0, frame, size.length, read);
        frame[size.length + read] = '\r';
        frame[size.length + read + 1] = '\n';
        limit = size.length + read + 2;
        return true;
    }
}
