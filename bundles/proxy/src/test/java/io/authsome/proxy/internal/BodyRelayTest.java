package io.authsome.proxy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;
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
        assertEquals(4, relay.moved());
        assertFalse(relay.done());

        source.fill(ByteBuffer.wrap(new byte[] {5, 6, 7, 8, 9, 10, 11, 12}));
        assertTrue(relay.pull(to));
        assertTrue(relay.done());
        assertNull(relay.failure());
        assertEquals(10, to.position(), "the bytes past the length stay where they were");
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
        assertEquals(30, relay.moved());
        to.clear();
        assertTrue(relay.pull(to));
        assertEquals(60, relay.moved());
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
        assertFalse(relay.pull(to));
        assertTrue(relay.done());
        assertTrue(relay.failure() instanceof EOFException, String.valueOf(relay.failure()));
        assertEquals("body ended 6 bytes early", relay.failure().getMessage());
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
        assertTrue(relay.pull(to));
        assertEquals(40, relay.moved());
        assertFalse(relay.pull(to));
        assertTrue(relay.done());
        assertTrue(relay.failure().getMessage().startsWith("the API's HTTP/2 stream failed"), relay.failure().getMessage());
        source.listen(null);
        source.end();
        assertEquals(2, told.get(), "no longer told once it stopped listening");
    }
}
