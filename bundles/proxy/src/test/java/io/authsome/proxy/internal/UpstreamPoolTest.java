package io.authsome.proxy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pool of idle API connections, over real loopback sockets. */
class UpstreamPoolTest {
    private final ServerSocket server = newServer();
    private final List<Socket> opened = new ArrayList<>();
    private final UpstreamConnector connector = new UpstreamConnector(null, null, 0, java.util.Map.of(), true);

    private static ServerSocket newServer() {
        try {
            return new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void close() throws IOException {
        for (Socket socket : opened) {
            socket.close();
        }
        server.close();
    }

    private UpstreamPool.Idle idle() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
        opened.add(socket);
        return new UpstreamPool.Idle(socket, new BufferedInputStream(socket.getInputStream()),
                new BufferedOutputStream(socket.getOutputStream()), System.nanoTime());
    }

    private UpstreamPool.Key key(String client) {
        return new UpstreamPool.Key(client, connector, "api.example.test", 443, true);
    }

    @Test
    void aConnectionIsSharedAmongOneClientsConnectionsOnlyNewestFirst() throws IOException {
        try (UpstreamPool pool = new UpstreamPool(60_000, 8, 60_000)) {
            UpstreamPool.Idle older = idle();
            UpstreamPool.Idle newer = idle();
            pool.give(key("agent-a"), older);
            pool.give(key("agent-a"), newer);
            assertNull(pool.take(key("agent-b")), "another client never gets it");
            assertNull(pool.take(new UpstreamPool.Key("agent-a", connector, "api.example.test", 8443, true)));
            assertSame(newer, pool.take(key("agent-a")));
            assertSame(older, pool.take(key("agent-a")));
            assertNull(pool.take(key("agent-a")));
        }
    }

    @Test
    void closedIdleTooLongOrPastTheNumberKeptAConnectionIsClosedAndNotGiven() throws Exception {
        try (UpstreamPool pool = new UpstreamPool(100, 1, 60_000)) {
            UpstreamPool.Idle closed = idle();
            closed.socket().close();
            pool.give(key("a"), closed);
            assertNull(pool.take(key("a")), "a closed connection is not given out");
            UpstreamPool.Idle kept = idle();
            UpstreamPool.Idle extra = idle();
            pool.give(key("a"), kept);
            pool.give(key("a"), extra);
            assertTrue(extra.socket().isClosed(), "one past the number kept is closed");
            Thread.sleep(150);
            pool.sweep();
            assertTrue(kept.socket().isClosed(), "idle past its time, it is closed");
            assertEquals(0, pool.size());
        }
    }

    @Test
    void closingThePoolClosesWhatItKeptAndWhatComesLater() throws IOException {
        UpstreamPool pool = new UpstreamPool(60_000, 8, 60_000);
        UpstreamPool.Idle kept = idle();
        pool.give(key("a"), kept);
        pool.close();
        assertTrue(kept.socket().isClosed());
        UpstreamPool.Idle late = idle();
        pool.give(key("a"), late);
        assertTrue(late.socket().isClosed());
    }
}
