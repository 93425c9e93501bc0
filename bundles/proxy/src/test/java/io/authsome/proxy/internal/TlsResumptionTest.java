package io.authsome.proxy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * TLS sessions are resumed on both legs of intercepted connections ({@link TestProxy}, real
 * handshakes): a client that comes back with its session ticket is not given a full handshake,
 * and the proxy's second connection to the API resumes its first. A resumed session keeps the
 * creation time of the one it resumes, on both sides.
 */
class TlsResumptionTest {
    /** API connections idle for 200 ms are closed, so that the second client connection needs a new one. */
    @RegisterExtension
    final TestProxy proxy = new TestProxy(new ProxyLimits(512, 512, Duration.ofSeconds(10), Duration.ofMinutes(5),
            Duration.ofMillis(200)));

    @Test
    void bothLegsResumeTheirSessions() throws Exception {
        SSLContext client = proxy.clientContext();
        List<Long> clientSessions = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            try (TestProxy.Tunnel tunnel = proxy.tunnel(client)) {
                assertTrue(tunnel.get("/resume").startsWith("HTTP/1.1 200 "));
                clientSessions.add(tunnel.tls.getSession().getCreationTime());
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (proxy.api.ended.get() <= i && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }
        assertEquals(clientSessions.get(0), clientSessions.get(1), "the proxy resumed the client's session");
        assertEquals(2, proxy.api.sessions.size(), "the idle API connection was closed, and a new one opened");
        assertEquals(proxy.api.sessions.get(0), proxy.api.sessions.get(1), "the proxy resumed its session with the API");
    }
}
