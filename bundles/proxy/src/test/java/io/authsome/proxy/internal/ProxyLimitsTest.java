package io.authsome.proxy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.authsome.api.audit.AuditEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The proxy's limits over real sockets ({@link TestProxy}), with short durations: a client that
 * says nothing after CONNECT, or after its TLS handshake, or that stops in the middle of a head,
 * is closed; connections past a client's number get 503; an API connection left idle is closed
 * and the next request opens a new one.
 */
class ProxyLimitsTest {
    private static final ProxyLimits SHORT = new ProxyLimits(8, 2, Duration.ofSeconds(2), Duration.ofSeconds(4),
            Duration.ofMillis(700));

    @RegisterExtension
    final TestProxy proxy = new TestProxy(SHORT);

    /** Reads until the proxy closes the connection, failing after {@code seconds}. */
    private static String untilClosed(InputStream in, Socket socket, int seconds) throws IOException {
        socket.setSoTimeout(seconds * 1000);
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        try {
            in.transferTo(read);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("still open after " + seconds + " s", e);
        } catch (IOException reset) {
            // Closed under the handshake or the read: closed all the same.
        }
        return read.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void aClientSilentAfterItsConnectIsClosedAtTheAdmissionDeadline() throws Exception {
        try (Socket socket = proxy.connected()) {
            untilClosed(socket.getInputStream(), socket, 10);
        }
        assertFalse(proxy.warnings.toString(StandardCharsets.UTF_8).contains("certificate"),
                "a client that never started its handshake is not said to refuse the certificate");
    }

    @Test
    void aClientThatRefusesTheCertificateIsToldAbout() throws Exception {
        try (Socket socket = proxy.connected()) {
            javax.net.ssl.SSLSocket tls = (javax.net.ssl.SSLSocket) javax.net.ssl.SSLContext.getDefault()
                    .getSocketFactory().createSocket(socket, TestProxy.API, 443, true);
            assertThrows(javax.net.ssl.SSLHandshakeException.class, tls::startHandshake);
        }
        Thread.sleep(200);
        assertTrue(proxy.warnings.toString(StandardCharsets.UTF_8).contains("the client did not accept the proxy's"
                + " certificate for " + TestProxy.API), proxy.warnings.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aClientSilentAfterItsHandshakeIsClosedAtTheAdmissionDeadline() throws Exception {
        try (TestProxy.Tunnel tunnel = proxy.tunnel()) {
            untilClosed(tunnel.tls.getInputStream(), tunnel.tls, 10);
        }
    }

    @Test
    void aHeadThatStopsHalfWayIsClosedWithoutAnAnswer() throws Exception {
        try (TestProxy.Tunnel tunnel = proxy.tunnel()) {
            OutputStream out = tunnel.tls.getOutputStream();
            out.write("GET /one HTTP/1.1\r\nHost: h\r\n\r\nGET /two HTTP/1.1\r\nHo".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            long started = System.nanoTime();
            String answer = untilClosed(tunnel.tls.getInputStream(), tunnel.tls, 20);
            assertTrue(answer.startsWith("HTTP/1.1 200 "), answer);
            assertEquals(1, answer.split("HTTP/1.1 ", -1).length - 1, "one answer, to the whole request: " + answer);
            assertTrue(System.nanoTime() - started >= HttpHead.TIME_LIMIT_NANOS / 2, "not closed before the limit");
        }
    }

    @Test
    void pastItsNumberOfConnectionsAClientGets503() throws Exception {
        List<TestProxy.Tunnel> open = new ArrayList<>();
        try {
            for (int i = 0; i < SHORT.perClient(); i++) {
                TestProxy.Tunnel tunnel = proxy.tunnel();
                open.add(tunnel);
                assertTrue(tunnel.get("/kept").startsWith("HTTP/1.1 200 "));
            }
            try (TestProxy.Tunnel extra = proxy.tunnel()) {
                String answer = extra.exchange("GET /extra HTTP/1.1\r\nHost: h\r\n\r\n");
                assertTrue(answer.startsWith("HTTP/1.1 503 "), answer);
                assertTrue(answer.contains("the run's child has " + SHORT.perClient() + " connections open"), answer);
            }
            open.remove(0).close();
            Thread.sleep(300);
            try (TestProxy.Tunnel again = proxy.tunnel()) {
                assertTrue(again.get("/again").startsWith("HTTP/1.1 200 "), "a closed connection no longer counts");
            }
        } finally {
            for (TestProxy.Tunnel tunnel : open) {
                tunnel.close();
            }
        }
    }

    @Test
    void aClientThatStopsReadingItsAnswerIsClosedAfterTheIdleTime() throws Exception {
        try (TestProxy.Tunnel tunnel = proxy.tunnel()) {
            tunnel.tls.getOutputStream().write("GET /big HTTP/1.1\r\nHost: h\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            tunnel.tls.getOutputStream().flush();
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (proxy.audited.stream().noneMatch(e -> "/big".equals(e.details().get("path")))
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            AuditEvent event = proxy.audited.stream().filter(e -> "/big".equals(e.details().get("path"))).findFirst()
                    .orElseThrow(() -> new AssertionError("the stalled request never ended"));
            long received = (Long) event.details().get("bytes_received");
            // what went to the client's side before it stalled is counted, not the whole answer
            assertTrue(received > 0 && received < TestApi.BIG.length, event.details().toString());
            assertTrue((Long) event.details().get("duration_ms") >= SHORT.idle().toMillis() - 500,
                    event.details().toString());
        }
    }

    @Test
    void anIdleApiConnectionIsClosedAndTheNextRequestOpensAnother() throws Exception {
        try (TestProxy.Tunnel tunnel = proxy.tunnel()) {
            assertTrue(tunnel.get("/first").startsWith("HTTP/1.1 200 "));
            assertEquals(1, proxy.api.connections.get());
            long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (proxy.api.ended.get() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(1, proxy.api.ended.get(), "the idle API connection was closed");
            assertTrue(tunnel.get("/second").startsWith("HTTP/1.1 200 "), "the client connection stayed");
            assertEquals(2, proxy.api.connections.get());
            untilClosed(tunnel.tls.getInputStream(), tunnel.tls, 10); // and idle past its own limit, it is closed
        }
    }
}
