package io.authsome.proxy.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.hc.core5.http2.H2StreamResetException;
import org.junit.jupiter.api.Test;

/**
 * The answer buffer of an HTTP/2 stream against a stand-in for HttpCore's multiplexer, which
 * keeps the stream's window as HttpCore does: a frame's whole length (padding included) comes off
 * it, and the buffer is asked for room ({@code updateCapacity}) just before a frame that leaves it
 * under half is filled.
 */
class StreamInputTest {
    private static final int WINDOW = StreamInput.WINDOW;

    /** The sending side of one stream: the window the API has, and who granted it room. */
    private static final class Stream {
        final StreamInput input = new StreamInput();
        int window = WINDOW;
        int grants;
        int grantsByReads;
        boolean reading;

        /** Sends {@code size} bytes with {@code padding} when the window allows: whether it did. */
        boolean send(int size, int padding) throws IOException {
            int length = size + (padding > 0 ? padding + 1 : 0);
            if (window < length) {
                return false;
            }
            window -= length;
            if (window < WINDOW / 2) {
                input.updateCapacity(increment -> {
                    window += increment;
                    grants++;
                    grantsByReads += reading ? 1 : 0;
                });
            }
            input.fill(ByteBuffer.wrap(new byte[size]));
            return true;
        }

        /** Reads what is there: how much. */
        int drain() throws IOException {
            int total = 0;
            byte[] into = new byte[16 * 1024];
            reading = true;
            while (input.available() > 0) {
                total += input.read(into, 0, into.length);
            }
            reading = false;
            return total;
        }
    }

    @Test
    void paddedFramesNeverCloseTheWindow() throws IOException {
        Stream stream = new Stream();
        long received = 0;
        while (received < 8 * 1024 * 1024) {
            boolean sent = false;
            while (stream.send(1024, 255)) {
                sent = true;
            }
            received += stream.drain();
            // the buffer is empty: a window closed now would stay closed
            assertTrue(sent || stream.send(1024, 255), "the window closed after " + received + " bytes");
        }
    }

    @Test
    void roomGoesBackFromTheReactorInHalvesWhileTheWorkerKeepsUp() throws IOException {
        Stream stream = new Stream();
        for (int frame = 0; frame < 64; frame++) {
            assertTrue(stream.send(16 * 1024, 0), "frame " + frame);
            assertEquals(16 * 1024, stream.drain());
        }
        assertEquals(0, stream.grantsByReads);
        assertEquals(31, stream.grants); // 1 MiB less the first window, in grants of half of it
    }

    @Test
    void aWorkerThatFellBehindGrantsTheRoomItFrees() throws IOException {
        Stream stream = new Stream();
        int frames = 0;
        while (stream.send(16 * 1024, 0)) {
            frames++;
        }
        assertEquals(3, frames); // 48 KiB waiting and 16 KiB - 1 left to send: the reactor had nothing to grant
        stream.drain();
        assertEquals(1, stream.grantsByReads);
        assertTrue(stream.send(16 * 1024, 0) && stream.send(16 * 1024, 0) && stream.send(16 * 1024, 0));
    }

    @Test
    void whatArrivedIsReadBeforeTheFailureOfTheStream() throws IOException {
        StreamInput input = new StreamInput();
        input.fill(ByteBuffer.wrap(new byte[] {1, 2, 3}));
        input.fail(new IOException("reset by the API"));
        byte[] into = new byte[8];
        assertEquals(3, input.read(into, 0, 8));
        IOException failure = assertThrows(IOException.class, () -> input.read(into, 0, 8));
        assertEquals("the API's HTTP/2 stream failed: reset by the API", failure.getMessage());
    }

    @Test
    void aWholeAnswerEndsAndAFailureAfterItChangesNothing() throws IOException {
        StreamInput input = new StreamInput();
        input.fill(ByteBuffer.wrap(new byte[] {4, 5}));
        input.end();
        input.fail(new IOException("the connection closed"));
        assertArrayEquals(new byte[] {4, 5}, input.readAllBytes());
        assertEquals(-1, input.read());
    }

    @Test
    void anApiThatSendsFarPastItsWindowHasItsStreamReset() throws IOException {
        StreamInput input = new StreamInput();
        input.fill(ByteBuffer.allocate(2 * WINDOW));
        assertThrows(H2StreamResetException.class, () -> input.fill(ByteBuffer.allocate(1)));
    }

    @Test
    void aWaitingReaderWakesWhenBytesArrive() throws Exception {
        StreamInput input = new StreamInput();
        CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> {
            try {
                return input.read();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(50);
        input.fill(ByteBuffer.wrap(new byte[] {42}));
        assertEquals(42, read.get(5, TimeUnit.SECONDS));
    }
}
