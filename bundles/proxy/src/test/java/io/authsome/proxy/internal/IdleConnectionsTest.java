package io.authsome.proxy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Connections that wait for their next request hold no thread: fifty intercepted tunnels,
 * each kept alive after a request, cost the proxy a few threads, and each is served again when
 * it sends another request. One after the other, they share one connection to the API.
 */
class IdleConnectionsTest {
    private static final int CONNECTIONS = 50;

    @RegisterExtension
    final TestProxy proxy = new TestProxy();

    @Test
    void keptAliveConnectionsWaitWithoutAThreadAndAreServedAgain() throws Exception {
        List<TestProxy.Tunnel> open = new ArrayList<>();
        long before = proxyThreads();
        try {
            for (int i = 0; i < CONNECTIONS; i++) {
                TestProxy.Tunnel tunnel = proxy.tunnel();
                open.add(tunnel);
                assertTrue(tunnel.get("/first/" + i).startsWith("HTTP/1.1 200 "));
            }
            assertEquals(1, proxy.api.connections.get(), "one after the other, they shared one API connection");
            Thread.sleep(100); // the last worker parks its connection
            long added = proxyThreads() - before;
            assertTrue(added < 10, added + " more proxy threads for " + CONNECTIONS + " idle connections");
            for (int i = 0; i < CONNECTIONS; i++) {
                assertTrue(open.get(i).get("/again/" + i).startsWith("HTTP/1.1 200 "), "served again: " + i);
            }
        } finally {
            for (TestProxy.Tunnel tunnel : open) {
                tunnel.close();
            }
        }
    }

    /** The proxy threads of this JVM (earlier tests' idle workers included: they only go away). */
    private static long proxyThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("authsome-proxy")).count();
    }
}
