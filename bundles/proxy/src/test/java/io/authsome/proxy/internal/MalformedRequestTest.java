package io.authsome.proxy.internal;

import static io.authsome.proxy.internal.TestProxy.API;
import static io.authsome.proxy.internal.TestProxy.KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.authsome.api.audit.AuditEvent;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The shapes of request smuggling and desynchronisation, sent byte for byte on a raw socket
 * through a real proxy ({@link TestProxy}): each is refused with 400 (417 for an unknown
 * expectation), the connection closed, the API never asked, and a {@code malformed} audit event
 * names the reason, never a header value (RFC 9112 6.3).
 */
class MalformedRequestTest {
    @RegisterExtension
    final TestProxy proxy = new TestProxy();

    @AfterEach
    void noSecretInWarningsOrAudit() {
        String everything = proxy.warnings.toString(StandardCharsets.UTF_8) + proxy.audited;
        assertFalse(everything.contains(KEY), everything);
        assertFalse(everything.contains("smuggled-secret"), "no header value is audited: " + everything);
    }
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Content-Length with Transfer-Encoding | POST /a HTTP/1.1~Host: h~Content-Length: 4~Transfer-Encoding: chunked~~0~~ | both Content-Length and Transfer-Encoding",
        "two different Content-Lengths | POST /a HTTP/1.1~Host: h~Content-Length: 4~Content-Length: 5~~abcde | two different Content-Length values",
        "a Content-Length list that differs | POST /a HTTP/1.1~Host: h~Content-Length: 4, 5~~abcde | two different Content-Length values",
        "a signed Content-Length | POST /a HTTP/1.1~Host: h~Content-Length: +4~~abcd | a Content-Length that is not a number",
        "obsolete line folding | GET /a HTTP/1.1~Host: h~X-Folded: one~ two~~ | obsolete line folding",
        "a space before the colon | GET /a HTTP/1.1~Host: h~Transfer-Encoding : chunked~~ | a space in or after a header name",
        "a space inside a header name | GET /a HTTP/1.1~Host: h~X Smuggled: smuggled-secret~~ | a space in or after a header name",
        "chunked not last | POST /a HTTP/1.1~Host: h~Transfer-Encoding: chunked, gzip~~ | does not end with chunked",
        "chunked twice | POST /a HTTP/1.1~Host: h~Transfer-Encoding: chunked, chunked~~ | does not end with chunked",
        "Transfer-Encoding in HTTP/1.0 | POST /a HTTP/1.0~Host: h~Transfer-Encoding: chunked~~0~~ | Transfer-Encoding in an HTTP/1.0 request",
        "a request line with two spaces | GET  /a HTTP/1.1~Host: h~~ | space or control character in the request target",
        "an unknown version | GET /a HTTP/1.2~Host: h~~ | an HTTP version other than",
        "a control character in a value | GET /a HTTP/1.1~Host: h~X-Bell: a\u0007b~~ | a control character in a header value",
        "Expect 100-continue without a body | GET /a HTTP/1.1~Host: h~Expect: 100-continue~~ | Expect: 100-continue on a request without a body",
    })
    void aMalformedRequestIsRefusedWith400AndAuditedAndNeverForwarded(String shape, String request, String reason)
            throws Exception {
        assertRefused(request.replace("~", "\r\n"), 400, reason);
    }

    @Test
    void bareLineEndsAreRefused() throws Exception {
        assertRefused("GET /a HTTP/1.1\nHost: h\n\n", 400, "a bare LF in a message head");
        assertRefused("GET /a HTTP/1.1\r\nHost: h\rX-Other: smuggled-secret\r\n\r\n", 400, "a bare CR in a message head");
    }

    @Test
    void aRequestLineLongerThanTheLimitIsRefused() throws Exception {
        assertRefused("GET /" + "a".repeat(HttpHead.MAX_START_LINE) + " HTTP/1.1\r\nHost: h\r\n\r\n", 400,
                "a start line longer than " + HttpHead.MAX_START_LINE + " bytes");
    }

    @Test
    void anUnknownExpectationIsRefusedWith417() throws Exception {
        assertRefused("POST /a HTTP/1.1\r\nHost: h\r\nExpect: 200-ok\r\nContent-Length: 1\r\n\r\nx", 417,
                "an Expect other than 100-continue");
    }

    @Test
    void aChunkSizeThatOverflowsEndsTheRequestWith400AndTheApiConnectionIsDropped() throws Exception {
        try (TestProxy.Tunnel tunnel = proxy.tunnel()) {
            String answer = tunnel.exchange("POST /upload HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "3\r\nabc\r\n" + "f".repeat(16) + "0\r\n");
            assertTrue(answer.startsWith("HTTP/1.1 400 "), answer);
            assertTrue(answer.contains("a chunk size that overflows"), answer);
        }
        assertEquals("a chunk size that overflows", proxy.lastEvent().details().get("reason"));
    }

    @Test
    void aBodyThatLooksLikeARequestStaysTheBodyOfAnExpectingRequest() throws Exception {
        // The client does not wait for 100 Continue: what follows the head is its body, by length,
        // even when it reads as a second request; then a real second request follows.
        String smuggled = "GET /admin HTTP/1.1\r\nHost: h\r\n\r\n";
        try (TestProxy.Tunnel tunnel = proxy.tunnel()) {
            String answer = tunnel.exchange("POST /a HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: "
                    + smuggled.length() + "\r\n\r\n" + smuggled + "GET /b HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n");
            assertTrue(answer.startsWith("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 "), answer);
            assertEquals(2, answer.split("HTTP/1.1 200 ", -1).length - 1, answer);
        }
        assertEquals(2, proxy.api.requests.get(), "the API got two requests, not three");
    }

    @Test
    void aMalformedAnswerOnAKeptAliveConnectionIsA502AndTheRequestIsNotSentAgain() throws Exception {
        try (TestProxy.Tunnel tunnel = proxy.tunnel()) {
            String answer = tunnel.exchange("GET /first HTTP/1.1\r\nHost: h\r\n\r\n"
                    + "POST /bare-lf HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\nhi");
            assertTrue(answer.startsWith("HTTP/1.1 200 "), answer);
            assertTrue(answer.contains("HTTP/1.1 502 Bad Gateway"), answer);
            assertTrue(answer.contains("answered with a malformed response: a bare LF"), answer);
        }
        assertEquals(2, proxy.api.requests.get(), "the POST went to the API once");
    }

    @Test
    void aWellFormedChunkedRequestStillGoesThrough() throws Exception {
        try (TestProxy.Tunnel tunnel = proxy.tunnel()) {
            String answer = tunnel.exchange("POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n"
                    + "Connection: close\r\n\r\n3;ext=1\r\nabc\r\n0\r\n\r\n");
            assertTrue(answer.startsWith("HTTP/1.1 200 "), answer);
            assertTrue(answer.contains("authorization=Bearer " + KEY), "injected");
        }
    }

    @Test
    void aMalformedConnectIsRefusedBeforeAdmission() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", proxy.proxy.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("CONNECT " + API + ":" + proxy.api.port() + " HTTP/1.1\r\nHost : x\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(answer.startsWith("HTTP/1.1 400 "), answer);
        }
        assertEquals("a space in or after a header name", proxy.lastEvent().details().get("reason"));
    }

    private void assertRefused(String request, int status, String reason) throws Exception {
        int before = proxy.api.requests.get();
        int events = proxy.audited.size();
        try (TestProxy.Tunnel tunnel = proxy.tunnel()) {
            String answer = tunnel.exchange(request);
            assertTrue(answer.startsWith("HTTP/1.1 " + status + " "), answer);
            assertTrue(answer.contains("Connection: close"), answer);
            assertTrue(answer.contains(reason), answer);
        }
        assertEquals(before, proxy.api.requests.get(), "nothing reached the API");
        AuditEvent event = proxy.lastEvent();
        assertTrue(proxy.audited.size() > events, "audited");
        assertEquals(ProxyRequest.MALFORMED, event.details().get("mode"));
        assertEquals(status, ((Number) event.details().get("status")).intValue());
        assertTrue(((String) event.details().get("reason")).contains(reason), event.toString());
        assertEquals(API, event.details().get("host"));
        assertEquals(AuditEvent.FAILURE, event.outcome());
    }
}
