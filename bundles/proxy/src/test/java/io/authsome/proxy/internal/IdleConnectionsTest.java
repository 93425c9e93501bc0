package io.authsome.proxy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
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
        try {
            for (int i = 0; i < CONNECTIONS; i++) {
                TestProxy.Tunnel tunnel = proxy.tunnel();
                open.add(tunnel);
                assertTrue(request(tunnel, "/first/" + i).startsWith("HTTP/1.1 200 "));
            }
            assertEquals(1, proxy.api.connections.get(), "one after the other, they shared one API connection");
            Thread.sleep(100); // the last worker parks its connection
            long threads = Thread.getAllStackTraces().keySet().stream()
                    .filter(thread -> thread.getName().startsWith("authsome-proxy")).count();
            assertTrue(threads < 20, threads + " proxy threads for " + CONNECTIONS + " idle connections");
            for (int i = 0; i < CONNECTIONS; i++) {
                assertTrue(request(open.get(i), "/again/" + i).startsWith("HTTP/1.1 200 "), "served again: " + i);
            }
        } finally {
            for (TestProxy.Tunnel tunnel : open) {
                tunnel.close();
            }
        }
    }

    /** One request on a kept-alive tunnel: the status line of its answer, whose body is read. */
    private static String request(TestProxy.Tunnel tunnel, String path) throws IOException {
        OutputStream out = tunnel.tls.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: h\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        InputStream in = tunnel.tls.getInputStream();
        HttpHead head = HttpHead.read(in);
        String length = head.get("Content-Length");
        in.readNBytes(length == null ? 0 : Integer.parseInt(length));
        return head.startLine();
    }
}
