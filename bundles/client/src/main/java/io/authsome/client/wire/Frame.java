package io.authsome.client.wire;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * One message on the daemon's socket: a type byte, a 4-byte length, the payload. The payload of
 * a secret ({@link FrameType#SECRET}) or of standard input is never part of {@link #toString()}.
 *
 * @param type    what it is
 * @param payload its bytes
 */
public record Frame(FrameType type, byte[] payload) {
    /** The largest payload either side accepts. */
    public static final int MAX_PAYLOAD = 16 * 1024 * 1024;

    public static Frame of(FrameType type, String text) {
        return new Frame(type, text.getBytes(StandardCharsets.UTF_8));
    }

    public static Frame of(FrameType type, long number) {
        return of(type, Long.toString(number));
    }

    public String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    public long number() throws ProtocolException {
        try {
            return Long.parseLong(text());
        } catch (NumberFormatException e) {
            throw new ProtocolException(type + " carries no number");
        }
    }

    /** Writes this frame; the caller flushes and keeps frames of several threads apart. */
    public void writeTo(DataOutputStream out) throws IOException {
        out.writeByte(type.code());
        out.writeInt(payload.length);
        out.write(payload);
    }

    /** The next frame, or empty at a clean end of the stream (between frames). */
    public static Optional<Frame> readFrom(DataInputStream in) throws IOException {
        int code = in.read();
        if (code < 0) {
            return Optional.empty();
        }
        FrameType type = FrameType.of(code);
        int length;
        try {
            length = in.readInt();
        } catch (EOFException e) {
            throw new ProtocolException("the stream ended inside a frame");
        }
        if (length < 0 || length > MAX_PAYLOAD) {
            throw new ProtocolException("frame of " + length + " bytes");
        }
        byte[] payload = new byte[length];
        try {
            in.readFully(payload);
        } catch (EOFException e) {
            throw new ProtocolException("the stream ended inside a frame");
        }
        return Optional.of(new Frame(type, payload));
    }

    @Override
    public String toString() {
        return "Frame[" + type + ", " + payload.length + " bytes]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Frame frame && frame.type == type && java.util.Arrays.equals(frame.payload, payload);
    }

    @Override
    public int hashCode() {
        return 31 * type.hashCode() + java.util.Arrays.hashCode(payload);
    }
}
