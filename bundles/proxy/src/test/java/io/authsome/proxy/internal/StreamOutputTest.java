package io.authsome.proxy.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.nio.DataStreamChannel;
import org.junit.jupiter.api.Test;

/** The buffer between a worker and the reactor, with a stream channel that takes what its window allows. */
class StreamOutputTest {
    /** A stream with a window of {@code window} bytes a turn, that records what it got. */
    private static final class Channel implements DataStreamChannel {
        final ByteArrayOutputStream sent = new ByteArrayOutputStream();
        volatile int window;
        volatile int outputRequests;
        boolean ended;

        Channel(int window) {
            this.window = window;
        }

        @Override
        public void requestOutput() {
            outputRequests++;
        }

        @Override
        public int write(ByteBuffer src) {
            int n = Math.min(window, src.remaining());
            byte[] bytes = new byte[n];
            src.get(bytes);
            sent.writeBytes(bytes);
            return n;
        }

        @Override
        public void endStream(List<? extends Header> trailers) {
            ended = true;
        }

        @Override
        public void endStream() {
            ended = true;
        }
    }

    @Test
    void theOpeningRunsOnceWithTheFirstFlushAndTheStreamEndsAfterTheLastByte() throws Exception {
        Channel channel = new Channel(3);
        int[] opened = {0};
        StreamOutput out = new StreamOutput(16, 1_000, "the client", () -> opened[0]++);
        out.write("hello".getBytes());
        assertEquals(0, opened[0], "nothing goes before a flush");
        out.flush();
        out.flush();
        assertEquals(1, opened[0]);
        out.close();
        while (out.available() > 0) {
            out.produce(channel);
        }
        assertArrayEquals("hello".getBytes(), channel.sent.toByteArray());
        assertTrue(channel.ended);
        assertTrue(out.complete());
    }

    @Test
    void aFullBufferWaitsForTheReactorAndAPeerThatReadsNothingFailsTheWrite() throws Exception {
        Channel channel = new Channel(4);
        StreamOutput out = new StreamOutput(8, 300, "the client", null);
        out.produce(channel); // the multiplexer asked for the body: the channel is known
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try {
                out.write(new byte[20]);
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        while (!writer.isDone()) {
            out.produce(channel); // the reactor, as the window allows
            Thread.sleep(5);
        }
        writer.get(1, TimeUnit.SECONDS);
        assertTrue(channel.outputRequests > 0, "the writer asked for output when the buffer was full");
        out.produce(channel);
        out.produce(channel);
        assertEquals(20, channel.sent.size());

        IOException stalled = assertThrows(IOException.class, () -> out.write(new byte[20]));
        assertEquals("the client read nothing for 0 s", stalled.getMessage());
    }

    @Test
    void aWaitingWriterIsWokenOnlyOnceHalfTheBufferIsFree() throws Exception {
        Channel channel = new Channel(0);
        StreamOutput out = new StreamOutput(8, 10_000, "the client", null);
        out.produce(channel);
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try {
                out.write(new byte[20]);
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        while (channel.outputRequests == 0) {
            Thread.sleep(1); // the buffer is full: the writer asked for output and waits
        }
        for (int i = 0; i < 50; i++) {
            out.produce(channel); // turns on which the stream's window takes nothing
        }
        channel.window = 3;
        out.produce(channel); // 3 of 8 sent: under half free
        Thread.sleep(200);
        assertEquals(1, channel.outputRequests, "a writer woken for nothing asks for output again");
        assertFalse(writer.isDone());

        out.produce(channel); // 6 of 8 sent: the writer goes on
        while (!writer.isDone()) {
            out.produce(channel);
            Thread.sleep(1);
        }
        writer.get(1, TimeUnit.SECONDS);
        while (out.available() > 0) {
            out.produce(channel);
        }
        assertEquals(20, channel.sent.size());
    }

    @Test
    void aStreamThatEndedFailsTheWorkersNextWrite() throws Exception {
        StreamOutput out = new StreamOutput(8, 1_000, "the API", null);
        out.write(new byte[4]);
        out.abort();
        IOException closed = assertThrows(IOException.class, () -> out.write(new byte[1]));
        assertEquals("the API closed the HTTP/2 stream", closed.getMessage());
        assertFalse(out.complete());
    }
}
