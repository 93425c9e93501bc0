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
    void theReactorRelaysABodyAsItArrivesAndTheWorkerWaitsOnce() throws Exception {
        Channel channel = new Channel(5);
        int[] opened = {0};
        StreamOutput out = new StreamOutput(8, 10_000, "the client", () -> opened[0]++);
        StreamInput source = new StreamInput();
        source.fill(ByteBuffer.wrap("hello ".getBytes()));
        CompletableFuture<Long> worker = CompletableFuture.supplyAsync(() -> {
            try {
                return out.relay(source, 11);
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        while (opened[0] == 0) {
            Thread.sleep(1); // the answer's head goes first
        }
        assertTrue(out.available() > 0, "what arrived is to be sent");
        out.produce(channel);
        out.produce(channel);
        assertEquals("hello ", channel.sent.toString());
        assertFalse(worker.isDone());

        source.fill(ByteBuffer.wrap("world and more".getBytes()));
        while (!worker.isDone()) {
            out.produce(channel); // the reactor, told by the stream that bytes arrived
            Thread.sleep(1);
        }
        assertEquals(11, worker.get(1, TimeUnit.SECONDS));
        assertTrue(channel.ended, "the stream ends with the relay's last bytes, before the worker closes it");
        out.close();
        while (out.available() > 0) {
            out.produce(channel);
        }
        assertEquals("hello world", channel.sent.toString(), "the length and no more");
        assertTrue(channel.ended);
        assertEquals(" and more".length(), source.available());
    }

    @Test
    void aRelayFailsWithItsStreamOrItsClient() throws Exception {
        StreamInput cut = new StreamInput();
        StreamOutput out = new StreamOutput(8, 10_000, "the client", null);
        cut.fill(ByteBuffer.wrap(new byte[3]));
        cut.end();
        IOException early = assertThrows(IOException.class, () -> relayWhileProducing(out, cut, 10));
        assertEquals("body ended 7 bytes early", early.getMessage());

        StreamOutput reset = new StreamOutput(8, 10_000, "the client", null);
        CompletableFuture<Long> worker = CompletableFuture.supplyAsync(() -> {
            try {
                return reset.relay(new StreamInput(), 10);
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        Thread.sleep(50);
        reset.abort(); // the client reset the stream
        Exception closed = assertThrows(Exception.class, () -> worker.get(1, TimeUnit.SECONDS));
        assertEquals("the client closed the HTTP/2 stream", closed.getCause().getCause().getMessage());

        StreamOutput stalled = new StreamOutput(4, 200, "the client", null);
        StreamInput plenty = new StreamInput();
        plenty.fill(ByteBuffer.wrap(new byte[100]));
        stalled.produce(new Channel(0)); // the buffer fills, and the window stays shut
        IOException nothingRead = assertThrows(IOException.class, () -> relayWhileProducing(stalled, plenty, 100));
        assertEquals("the client read nothing for 0 s", nothingRead.getMessage());
    }

    /** Relays {@code length} bytes of {@code source} while a reactor with a shut window takes turns. */
    private static long relayWhileProducing(StreamOutput out, StreamInput source, long length) throws Exception {
        Channel shut = new Channel(0);
        CompletableFuture<Void> reactor = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 20; i++) {
                try {
                    out.produce(shut);
                    Thread.sleep(5);
                } catch (IOException | InterruptedException e) {
                    return;
                }
            }
        });
        try {
            return out.relay(source, length);
        } finally {
            reactor.join();
        }
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
