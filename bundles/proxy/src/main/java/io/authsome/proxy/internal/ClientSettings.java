package io.authsome.proxy.internal;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The frames an HTTP/2 client sends, passed on in pieces as they come, with one change to its
 * SETTINGS: {@code SETTINGS_MAX_CONCURRENT_STREAMS} 0 becomes 1. RFC 9113 allows 0 (the JDK's
 * {@code HttpClient} sends it, to refuse server push), but HttpCore 5.4 refuses the connection for
 * it; the value only limits the streams a server pushes, and the proxy pushes none. Every other
 * byte goes on unchanged; a SETTINGS frame is held until it is whole, the head of any frame until
 * it is known whether it begins one. Not thread-safe: the reactor's thread feeds it.
 */
final class ClientSettings {
    /** Where the bytes go on. */
    interface Target {
        void accept(ByteBuffer bytes) throws IOException;
    }

    private static final int HEAD = 9;
    private static final int SETTINGS = 0x4;
    private static final int MAX_CONCURRENT_STREAMS = 0x3;
    /** A SETTINGS frame longer than this (100 settings) is passed on as it is, for HttpCore to judge. */
    private static final int LONGEST = 6 * 100;

    private final ByteBuffer held = ByteBuffer.allocate(HEAD + LONGEST);
    /** Bytes of the current frame still to pass on unchanged. */
    private int passing;
    /** The length of the SETTINGS frame being held, once its head is. */
    private int settingsLength = -1;

    /** Passes {@code src} on to {@code target}: all of it, except what must be held until more comes. */
    void feed(ByteBuffer src, Target target) throws IOException {
        while (src.hasRemaining()) {
            if (passing > 0) {
                int n = Math.min(passing, src.remaining());
                target.accept(slice(src, n));
                passing -= n;
            } else if (settingsLength < 0) {
                if (!fill(src, HEAD)) {
                    return;
                }
                int length = (held.get(0) & 0xff) << 16 | (held.get(1) & 0xff) << 8 | held.get(2) & 0xff;
                if (held.get(3) == SETTINGS && length <= LONGEST) {
                    settingsLength = length;
                } else {
                    release(target);
                    passing = length;
                }
            } else {
                if (!fill(src, HEAD + settingsLength)) {
                    return;
                }
                for (int entry = HEAD; entry + 6 <= HEAD + settingsLength; entry += 6) {
                    if (held.getShort(entry) == MAX_CONCURRENT_STREAMS && held.getInt(entry + 2) == 0) {
                        held.putInt(entry + 2, 1);
                    }
                }
                release(target);
                settingsLength = -1;
            }
        }
    }

    /** Takes bytes from {@code src} until {@code held} has {@code size}: whether it has. */
    private boolean fill(ByteBuffer src, int size) {
        while (held.position() < size && src.hasRemaining()) {
            held.put(src.get());
        }
        return held.position() == size;
    }

    private void release(Target target) throws IOException {
        held.flip();
        target.accept(held);
        held.clear();
    }

    private static ByteBuffer slice(ByteBuffer src, int n) {
        ByteBuffer piece = src.slice(src.position(), n);
        src.position(src.position() + n);
        return piece;
    }
}
