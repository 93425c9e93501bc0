package io.authsome.proxy.internal;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A request body the proxy holds before sending it: to send it again (a retry after a 401 or a
 * refusal an injector learned from), or to know its SHA-256 before its headers go out (a
 * signature that covers the body). Up to {@value #MEMORY_LIMIT} bytes stay in memory; a longer body
 * goes to a temporary file only its owner can read, deleted on {@link #close()}. Not thread-safe.
 */
final class Spool implements Closeable {
    /** Bodies up to this size are held in memory. */
    static final int MEMORY_LIMIT = 1024 * 1024;
    /** The longest body the proxy holds at all (in a file). */
    static final long FILE_LIMIT = 1L << 30;

    private final byte[] bytes;
    private final Path file;
    private final long length;
    private String sha256;

    private Spool(byte[] bytes, Path file, long length, String sha256) {
        this.bytes = bytes;
        this.file = file;
        this.length = length;
        this.sha256 = sha256;
    }

    /** The body {@code bytes}, as they are sent. */
    static Spool of(byte[] bytes) {
        return new Spool(bytes, null, bytes.length, null);
    }

    /**
     * Reads the whole of {@code body} from {@code in}, without its chunk framing, hashing it as it
     * arrives.
     *
     * @throws TooLargeException when it is longer than {@link #FILE_LIMIT}
     */
    static Spool read(MessageBody body, InputStream in) throws IOException {
        MessageDigest digest = newDigest();
        Overflow sink = new Overflow();
        try (DigestOutputStream out = new DigestOutputStream(sink, digest)) {
            body.decode(in, out);
        } catch (IOException | RuntimeException e) {
            sink.discard();
            throw e;
        }
        String hash = HexFormat.of().formatHex(digest.digest());
        return new Spool(sink.file == null ? sink.memory.toByteArray() : null, sink.file, sink.length, hash);
    }

    long length() {
        return length;
    }

    /** The body's SHA-256, lowercase hex. */
    String sha256() throws IOException {
        if (sha256 == null) {
            MessageDigest digest = newDigest();
            try (DigestOutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
                writeTo(out);
            }
            sha256 = HexFormat.of().formatHex(digest.digest());
        }
        return sha256;
    }

    void writeTo(OutputStream out) throws IOException {
        if (file == null) {
            out.write(bytes);
        } else {
            Files.copy(file, out);
        }
    }

    @Override
    public void close() throws IOException {
        if (file != null) {
            Files.deleteIfExists(file);
        }
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** A body longer than the proxy holds. */
    static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        TooLargeException() {
            super("the request body is larger than " + (FILE_LIMIT >> 20) + " MiB, more than the proxy holds to sign");
        }
    }

    /** Memory first; past the limit, a private temporary file. */
    private static final class Overflow extends OutputStream {
        private final ByteArrayOutputStream memory = new ByteArrayOutputStream();
        private Path file;
        private OutputStream fileOut;
        private long length;

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] data, int offset, int count) throws IOException {
            if (length + count > FILE_LIMIT) {
                throw new TooLargeException();
            }
            if (fileOut == null && length + count > MEMORY_LIMIT) {
                file = Files.createTempFile("authsome-body-", ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                fileOut = Files.newOutputStream(file);
                memory.writeTo(fileOut);
                memory.reset();
            }
            if (fileOut != null) {
                fileOut.write(data, offset, count);
            } else {
                memory.write(data, offset, count);
            }
            length += count;
        }

        @Override
        public void close() throws IOException {
            if (fileOut != null) {
                fileOut.close();
            }
        }

        void discard() throws IOException {
            close();
            if (file != null) {
                Files.deleteIfExists(file);
            }
        }
    }
}
