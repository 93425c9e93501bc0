package io.authsome.proxy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.hc.core5.http2.H2StreamResetException;
import org.junit.jupiter.api.Test;

/** A body of known length moved from an HTTP/2 stream's buffer by the client's reactor. */
class BodyRelayTest {
    @Test
    void movesTheLengthAsItArrivesAndNoMore() throws Exception {
        StreamInput source = new StreamInput();
        AtomicInteger told = new AtomicInteger();
        source.listen(told::incrementAndGet);
        BodyRelay relay = new BodyRelay(source, 10);
        ByteBuffer to = ByteBuffer.allocate(64);
        assertFalse(relay.ready());
        assertFalse(relay.pull(to), "nothing arrived");

        source.fill(ByteBuffer.wrap(new byte[] {1, 2, 3, 4}));
        assertEquals(1, told.get(), "the relay's reactor is told that bytes arrived");
        assertTrue(relay.ready());
        assertTrue(relay.pull(to));
        assertEquals(4, to.position());
        assertFalse(relay.done());

        source.fill(ByteBuffer.wrap(new byte[] {5, 6, 7, 8, 9, 10, 11, 12}));
        assertTrue(relay.pull(to));
        assertTrue(relay.done());
        assertTrue(relay.whole());
        assertEquals(10, to.position(), "the bytes past the length stay where they were");
        ReentrantLock lock = new ReentrantLock();
        assertEquals(10, relay.run(lock, lock.newCondition(), 1_000, "the client", new Reactor(to)),
                "a relay that ended returns its length at once");
        assertEquals(2, source.available());
        assertFalse(relay.ready());
    }

    @Test
    void takesOnlyWhatTheBufferHasRoomFor() throws Exception {
        StreamInput source = new StreamInput();
        source.fill(ByteBuffer.wrap(new byte[100]));
        BodyRelay relay = new BodyRelay(source, 100);
        ByteBuffer to = ByteBuffer.allocate(30);
        assertTrue(relay.pull(to));
        assertFalse(relay.pull(to), "a full buffer takes nothing");
        assertEquals(30, to.position());
        to.clear();
        assertTrue(relay.pull(to));
        assertEquals(30, to.position());
        assertEquals(40, source.available());
    }

    @Test
    void aStreamThatEndsEarlyFailsTheRelay() throws Exception {
        StreamInput source = new StreamInput();
        BodyRelay relay = new BodyRelay(source, 10);
        source.fill(ByteBuffer.wrap(new byte[4]));
        source.end();
        ByteBuffer to = ByteBuffer.allocate(64);
        assertTrue(relay.pull(to));
        assertTrue(relay.ready(), "the end is news");
        BodyCut cut = failure(relay, to);
        assertEquals(4, BodyCut.moved(cut), "what moved before the end");
        IOException early = BodyCut.failure(cut);
        assertTrue(relay.done());
        assertFalse(relay.whole());
        assertTrue(early instanceof EOFException, String.valueOf(early));
        assertEquals("body ended 6 bytes early", early.getMessage());
    }

    @Test
    void aStreamThatFailsFailsTheRelayAfterWhatArrived() throws Exception {
        StreamInput source = new StreamInput();
        AtomicInteger told = new AtomicInteger();
        BodyRelay relay = new BodyRelay(source, 1000);
        source.fill(ByteBuffer.wrap(new byte[40]));
        source.listen(told::incrementAndGet);
        assertEquals(1, told.get(), "a listener is told at once of what arrived before it listened");
        source.fail(new H2StreamResetException(2, "Stream reset"));
        assertEquals(2, told.get());
        ByteBuffer to = ByteBuffer.allocate(64);
        BodyCut reset = failure(relay, to);
        assertEquals(40, to.position(), "what arrived before the failure is moved");
        assertEquals(40, BodyCut.moved(reset));
        assertTrue(relay.done());
        assertTrue(reset.getMessage().startsWith("the API's HTTP/2 stream failed"), reset.getMessage());
        source.listen(null);
        source.end();
        assertEquals(2, told.get(), "no longer told once it stopped listening");
    }

    /** How {@code relay} fails when it runs with a reactor that moves all that arrived into {@code to}. */
    private static BodyCut failure(BodyRelay relay, ByteBuffer to) {
        ReentrantLock lock = new ReentrantLock();
        return assertThrows(BodyCut.class,
                () -> relay.run(lock, lock.newCondition(), 1_000, "the client", new Reactor(to)));
    }

    /** An owner whose reactor moves all that arrived into {@code to} as soon as it takes the relay on. */
    private record Reactor(ByteBuffer to) implements BodyRelay.Owner {
        @Override
        public void start(BodyRelay relay) {
            while (relay.pull(to)) {
                // all that arrived
            }
        }

        @Override
        public void end() {
        }

        @Override
        public void ready() {
        }

        @Override
        public IOException closed() {
            return null;
        }

        @Override
        public boolean unsent() {
            return false;
        }
    }
}
