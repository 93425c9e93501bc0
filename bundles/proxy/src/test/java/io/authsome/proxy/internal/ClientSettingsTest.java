package io.authsome.proxy.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class ClientSettingsTest {
    /**
     * SETTINGS (MAX_CONCURRENT_STREAMS {@code firstStreams}, INITIAL_WINDOW_SIZE 65535), a DATA frame
     * whose payload looks like MAX_CONCURRENT_STREAMS 0, SETTINGS (MAX_CONCURRENT_STREAMS 100).
     */
    private static byte[] frames(int firstStreams) {
        ByteBuffer frames = ByteBuffer.allocate(9 + 12 + 9 + 6 + 9 + 6);
        frames.put(new byte[] {0, 0, 12, 4, 0, 0, 0, 0, 0});
        frames.putShort((short) 3).putInt(firstStreams).putShort((short) 4).putInt(65535);
        frames.put(new byte[] {0, 0, 6, 0, 1, 0, 0, 0, 1}); // DATA on stream 1: its payload is not a setting
        frames.putShort((short) 3).putInt(0);
        frames.put(new byte[] {0, 0, 6, 4, 0, 0, 0, 0, 0});
        frames.putShort((short) 3).putInt(100);
        return frames.array();
    }

    @Test
    void zeroConcurrentStreamsBecomesOneAndNothingElseChanges() throws Exception {
        byte[] expected = frames(1);
        assertArrayEquals(expected, feed(frames(0), 1000));
        assertArrayEquals(expected, feed(frames(0), 1));
        assertArrayEquals(expected, feed(frames(0), 7));
    }

    /** Feeds {@code bytes} in pieces of {@code size} and returns what went on. */
    private static byte[] feed(byte[] bytes, int size) throws Exception {
        ClientSettings settings = new ClientSettings();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < bytes.length; i += size) {
            settings.feed(ByteBuffer.wrap(bytes, i, Math.min(size, bytes.length - i)), piece -> {
                byte[] copy = new byte[piece.remaining()];
                piece.get(copy);
                out.write(copy);
            });
        }
        return out.toByteArray();
    }
}
