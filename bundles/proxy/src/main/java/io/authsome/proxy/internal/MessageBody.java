package io.authsome.proxy.internal;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * How the body of one HTTP/1.1 message is delimited (RFC 9112 section 6), and how it is streamed
 * through: bytes are written as they arrive and flushed whenever the sender pauses, so a
 * server-sent event reaches the client when the server sends it. Chunked bodies pass through with
 * their framing unchanged. Immutable.
 */
final class MessageBody {
    private static final int BUFFER = 32 * 1024;
    /** One copy buffer per connection thread, not one per message. */
    private static final ThreadLocal<byte[]> BUFFERS = ThreadLocal.withInitial(() -> new byte[BUFFER]);
    private static final int MAX_SIZE_DIGITS = 15;
    private static final int MAX_CHUNK_LINE = 4096;

    /** How the end of the body is found. */
    enum Framing { NONE, LENGTH, CHUNKED, UNTIL_CLOSE }

    private final Framing framing;
    private final long length;

    private MessageBody(Framing framing, long length) {
        this.framing = framing;
        this.length = length;
    }

    static final MessageBody EMPTY = new MessageBody(Framing.NONE, 0);

    /**
     * The body of a request with {@code head}, refusing every framing whose meaning is not certain
     * (RFC 9112 6.1 and 6.3): {@code Content-Length} together with {@code Transfer-Encoding},
     * {@code Transfer-Encoding} in an HTTP/1.0 request or not ending with {@code chunked} once,
     * and lengths that differ or are not plain digits.
     */
    static MessageBody ofRequest(HttpHead head) throws MalformedRequest {
        boolean encoded = head.get("Transfer-Encoding") != null;
        if (encoded && head.get("Content-Length") != null) {
            throw new MalformedRequest("a request with both Content-Length and Transfer-Encoding");
        }
        if (encoded && head.startLine().endsWith(" HTTP/1.0")) {
            throw new MalformedRequest("Transfer-Encoding in an HTTP/1.0 request");
        }
        try {
            MessageBody body = declared(head);
            return body == null ? EMPTY : body;
        } catch (HttpProtocolException e) {
            throw MalformedRequest.of(e);
        }
    }

    /** The body of a response with {@code head} to a request with method {@code method}. */
    static MessageBody ofResponse(HttpHead head, int status, String method) throws HttpProtocolException {
        if (method.equals("HEAD") || status / 100 == 1 || status == 204 || status == 304) {
            return EMPTY;
        }
        if (method.equals("CONNECT") && status / 100 == 2) {
            return EMPTY;
        }
        return ofHeld(head);
    }

    /** The body of a message held whole, as its head frames it: declared, or until its end. */
    static MessageBody ofHeld(HttpHead head) throws HttpProtocolException {
        MessageBody body = declared(head);
        return body == null ? new MessageBody(Framing.UNTIL_CLOSE, -1) : body;
    }

    private static MessageBody declared(HttpHead head) throws HttpProtocolException {
        if (head.get("Transfer-Encoding") != null) {
            List<String> codings = head.tokens("Transfer-Encoding");
            if (codings.isEmpty() || !codings.get(codings.size() - 1).equals("chunked")
                    || codings.indexOf("chunked") != codings.size() - 1) {
                throw new HttpProtocolException("a Transfer-Encoding that does not end with chunked, once");
            }
            head.remove("Content-Length"); // RFC 9112 6.3: chunked wins, and the length must not be forwarded
            return new MessageBody(Framing.CHUNKED, -1);
        }
        List<String> lengths = head.tokens("Content-Length");
        if (head.get("Content-Length") == null) {
            return null;
        }
        if (lengths.isEmpty() || lengths.stream().distinct().count() > 1) {
            throw new HttpProtocolException("two different Content-Length values"); // RFC 9112 6.3: unrecoverable
        }
        String digits = lengths.get(0);
        if (digits.length() > 18 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new HttpProtocolException("a Content-Length that is not a number");
        }
        long length = Long.parseLong(digits);
        return length == 0 ? EMPTY : new MessageBody(Framing.LENGTH, length);
    }

    Framing framing() {
        return framing;
    }

    /** The declared length, or -1 when it is not known in advance. */
    long length() {
        return length;
    }

    boolean isEmpty() {
        return framing == Framing.NONE;
    }

    /**
     * Streams the body from {@code in} to {@code out}, flushing whenever {@code in} has nothing more
     * buffered.
     *
     * @return the number of body bytes, without chunk framing
     */
    long copy(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = BUFFERS.get();
        long total = switch (framing) {
            case NONE -> 0;
            case LENGTH -> copyExactly(in, out, length, buffer);
            case CHUNKED -> copyChunks(in, out, buffer, true);
            case UNTIL_CLOSE -> copyToEnd(in, out, buffer);
        };
        out.flush();
        return total;
    }

    /**
     * Streams the body from {@code in} to {@code out} without its framing: the bytes of a chunked
     * body's chunks only, no sizes and no trailer.
     *
     * @return the number of body bytes
     */
    long decode(InputStream in, OutputStream out) throws IOException {
        if (framing != Framing.CHUNKED) {
            return copy(in, out);
        }
        long total = copyChunks(in, out, BUFFERS.get(), false);
        out.flush();
        return total;
    }

    /**
     * Reads the whole body into memory, framing included, when it is at most {@code limit} bytes.
     *
     * @return the bytes as they are sent, or {@code null} when the body is longer than {@code limit}
     *         (nothing was read) or not delimited
     */
    byte[] readSmall(InputStream in, int limit) throws IOException {
        if (framing == Framing.NONE) {
            return new byte[0];
        }
        if (framing == Framing.LENGTH && length <= limit) {
            byte[] bytes = in.readNBytes((int) length);
            if (bytes.length != length) {
                throw new EOFException("body ended after " + bytes.length + " of " + length + " bytes");
            }
            return bytes;
        }
        if (framing == Framing.CHUNKED) {
            LimitedBuffer buffer = new LimitedBuffer(limit);
            copyChunks(in, buffer, BUFFERS.get(), true);
            return buffer.toByteArray();
        }
        return null;
    }

    private static long copyExactly(InputStream in, OutputStream out, long count, byte[] buffer) throws IOException {
        long left = count;
        while (left > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                throw new EOFException("body ended " + left + " bytes early");
            }
            out.write(buffer, 0, read);
            left -= read;
            if (in.available() == 0) {
                out.flush();
            }
        }
        return count;
    }

    /**
     * Copies a chunked body; {@code framed}: with its chunk sizes and trailer, else the data only.
     * Sizes are written again as plain hexadecimal (chunk extensions are dropped) and trailer
     * fields again as {@code name: value}, so what goes on is exactly what was understood.
     */
    private static long copyChunks(InputStream in, OutputStream out, byte[] buffer, boolean framed)
            throws IOException {
        long total = 0;
        while (true) {
            long size = chunkSize(line(in));
            if (framed) {
                out.write((Long.toHexString(size) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            }
            if (size == 0) {
                for (String trailer = line(in); !trailer.isEmpty(); trailer = line(in)) {
                    String[] field = HttpHead.field(trailer);
                    if (framed) {
                        out.write((field[0] + ": " + field[1] + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    }
                }
                if (framed) {
                    out.write('\r');
                    out.write('\n');
                }
                return total;
            }
            copyExactly(in, out, size, buffer);
            if (!line(in).isEmpty()) {
                throw new HttpProtocolException("a chunk longer than its size");
            }
            if (framed) {
                out.write('\r');
                out.write('\n');
            }
            total += size;
            if (in.available() == 0) {
                out.flush();
            }
        }
    }

    /**
     * The size of a chunk line, {@code 1*HEXDIG [BWS ";" extensions]}: at most
     * {@value #MAX_SIZE_DIGITS} digits, so that a size never overflows.
     */
    private static long chunkSize(String line) throws HttpProtocolException {
        int digits = 0;
        while (digits < line.length() && Character.digit(line.charAt(digits), 16) >= 0) {
            digits++;
        }
        if (digits > MAX_SIZE_DIGITS) {
            throw new HttpProtocolException("a chunk size that overflows");
        }
        int rest = digits;
        while (rest < line.length() && (line.charAt(rest) == ' ' || line.charAt(rest) == '\t')) {
            rest++;
        }
        if (digits == 0 || rest < line.length() && line.charAt(rest) != ';') {
            throw new HttpProtocolException("an invalid chunk size");
        }
        return Long.parseLong(line, 0, digits, 16);
    }

    private static long copyToEnd(InputStream in, OutputStream out, byte[] buffer) throws IOException {
        long total = 0;
        for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
            out.write(buffer, 0, read);
            total += read;
            if (in.available() == 0) {
                out.flush();
            }
        }
        return total;
    }

    /** A chunk or trailer line without its CRLF; a bare CR or LF is an error. */
    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed inside a chunked body");
            }
            if (b == '\r') {
                if (in.read() != '\n') {
                    throw new HttpProtocolException("a bare CR in a chunked body");
                }
                return line.toString();
            }
            if (b == '\n') {
                throw new HttpProtocolException("a bare LF in a chunked body");
            }
            if (line.length() == MAX_CHUNK_LINE) {
                throw new HttpProtocolException("a chunk line longer than " + MAX_CHUNK_LINE + " bytes");
            }
            line.append((char) b);
        }
    }

    /** Collects bytes and fails once more than its limit arrive. */
    private static final class LimitedBuffer extends ByteArrayOutputStream {
        private final int limit;

        LimitedBuffer(int limit) {
            this.limit = limit;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            check(length);
            super.write(bytes, offset, length);
        }

        @Override
        public void write(int b) {
            check(1);
            super.write(b);
        }

        private void check(int more) {
            if (size() + more > limit) {
                throw new BodyTooLargeException();
            }
        }
    }

    /** A body read into memory was longer than allowed. */
    static final class BodyTooLargeException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BodyTooLargeException() {
            super("body larger than the replay limit", null, false, false);
        }
    }
}
