package io.authsome.proxy.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.authsome.api.audit.AuditEvent;
import io.authsome.common.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An API that speaks HTTP/2 is reached over HTTP/2, one connection for many requests, once the
 * proxy learned it (its first TLS handshake with the host offers {@code h2}), whatever the client
 * speaks to the proxy. The API is Node's own HTTP/2 server, an implementation independent of the
 * proxy's; curl is the client.
 */
class Http2UpstreamTest {
    @RegisterExtension
    final TestProxy proxy = new TestProxy();
    @TempDir
    Path temp;
    private NodeH2Api api;

    @BeforeEach
    void startApi() throws Exception {
        api = NodeH2Api.start(proxy, temp);
    }

    @AfterEach
    void stopApi() {
        api.close();
    }

    @Test
    void requestsReachAnHttp2ApiOverOneConnection() throws Exception {
        List<Map<String, Object>> answers = new ArrayList<>();
        for (String version : List.of("--http2", "--http1.1", "--http2", "--http1.1")) {
            answers.add(json(proxy.curl(new byte[0], version, url("/hello"))));
        }
        for (Map<String, Object> answer : answers) {
            assertEquals("2.0", answer.get("protocol"), answers.toString());
            assertEquals("Bearer " + TestProxy.KEY, answer.get("authorization"), answers.toString());
        }
        // the first handshake learned it (that connection is closed); every request went over one
        assertEquals(2, ((Number) answers.get(3).get("sessions")).intValue(), answers.toString());
        assertEquals(200, proxy.lastEvent().details().get("status"));
    }

    @Test
    void aBodyOfUnknownLengthAndALargeAnswerStreamBothWays() throws Exception {
        proxy.curl(new byte[0], "--http2", url("/learn"));
        byte[] body = new byte[2 * 1024 * 1024 + 5];
        new Random(3).nextBytes(body);
        Map<String, Object> echo = json(proxy.curl(body, "--http1.1", "-H", "Transfer-Encoding: chunked", "--data-binary",
                "@-", url("/echo")));
        assertEquals("2.0", echo.get("protocol"));
        assertEquals(body.length, ((Number) echo.get("received")).intValue());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)), echo.get("sha256"));
        assertEquals(String.valueOf(8 * 1024 * 1024), proxy.curl(new byte[0], "--http2", "-o", "/dev/null", "-w",
                "%{size_download}", url("/big")));
    }

    @Test
    void anAnswerOfKnownLengthArrivesWholeAtTheClientsPace() throws Exception {
        proxy.curl(new byte[0], "--http2", url("/learn"));
        int size = 3 * 1024 * 1024 + 7;
        // to a client over HTTP/1.1 and one over HTTP/2, at full speed and held back by a client
        // that reads 2 MiB a second (the relay waits for room, and the API's stream for its window)
        for (List<String> pace : List.of(List.of("--http1.1"), List.of("--http1.1", "--limit-rate", "2M"),
                List.of("--http2"), List.of("--http2", "--limit-rate", "2M"))) {
            List<String> args = new ArrayList<>(List.of("-o", "-"));
            args.addAll(pace);
            args.add(url("/sized?n=" + size));
            Process curl = proxy.curl(args.toArray(String[]::new));
            byte[] received = curl.getInputStream().readAllBytes();
            assertTrue(curl.waitFor(40, TimeUnit.SECONDS));
            assertEquals(0, curl.exitValue(), pace.toString());
            byte[] expected = new byte[size];
            for (int i = 0; i < size; i++) {
                expected[i] = (byte) (i % 251);
            }
            assertArrayEquals(expected, received, pace.toString());
            AuditEvent event = proxy.lastEvent();
            assertEquals(AuditEvent.SUCCESS, event.outcome(), event.toString());
            assertEquals(size, ((Number) event.details().get("bytes_received")).intValue(), event.toString());
        }
    }

    @Test
    void aClientThatGoesAwayInTheMiddleOfAnAnswerIsAuditedSo() throws Exception {
        proxy.curl(new byte[0], "--http2", url("/learn"));
        // curl gives up after a second of reading slowly: the reactor was relaying the answer
        for (String version : List.of("--http1.1", "--http2")) {
            Process curl = proxy.curl(version, "--limit-rate", "200K", "-m", "1", "-o", "/dev/null",
                    url("/sized?n=" + 8 * 1024 * 1024));
            curl.getInputStream().readAllBytes();
            assertTrue(curl.waitFor(40, TimeUnit.SECONDS));
            assertEquals(28, curl.exitValue(), version + ": curl's time limit");
            AuditEvent event = awaitFailure();
            assertTrue(String.valueOf(event.details().get("cut_short")).contains("client"), event.toString());
            assertPartOfTheAnswer(event, 8 * 1024 * 1024);
            assertEquals("2.0", json(proxy.curl(new byte[0], version, url("/hello"))).get("protocol"));
        }
    }

    /** The audit event of the request that failed last (the proxy may notice a moment after the client). */
    private AuditEvent awaitFailure() throws InterruptedException {
        AuditEvent event = proxy.lastEvent();
        for (int i = 0; i < 100 && !AuditEvent.FAILURE.equals(event.outcome()); i++) {
            event = proxy.lastEvent();
        }
        assertEquals(AuditEvent.FAILURE, event.outcome(), event.toString());
        return event;
    }

    @Test
    void anAnswerCutShortReachesTheClientCutShort() throws Exception {
        proxy.curl(new byte[0], "--http2", url("/learn"));
        for (String path : List.of("/cut", "/cutsized")) {
            answerCutShort(path);
        }
    }

    /** {@code path}'s answer is cut short by the API, for a client over HTTP/1.1 and one over HTTP/2. */
    private void answerCutShort(String path) throws Exception {
        for (String version : List.of("--http1.1", "--http2")) {
            Process curl = proxy.curl(version, "-o", "/dev/null", "-w", "%{size_download}", url(path));
            String received = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(curl.waitFor(40, TimeUnit.SECONDS));
            // the API reset the stream after 100 KiB of an answer (of unknown length, or of 1 MiB):
            // the client must not be told that it has all of it
            assertNotEquals(0, curl.exitValue(), path + " " + version + ": a whole answer of " + received + " bytes");
            AuditEvent event = proxy.lastEvent();
            assertEquals(AuditEvent.FAILURE, event.outcome(), event.toString());
            assertTrue(String.valueOf(event.details().get("cut_short")).startsWith("the API's HTTP/2 stream failed"),
                    event.toString());
            assertPartOfTheAnswer(event, 1024 * 1024);
        }
    }

    /** The audit counts the bytes of a cut answer that went on to the client: some, not all. */
    private static void assertPartOfTheAnswer(AuditEvent event, long whole) {
        long received = ((Number) event.details().get("bytes_received")).longValue();
        assertTrue(received > 0 && received < whole, received + " of " + whole + ": " + event);
    }

    @Test
    void serverSentEventsArriveAsTheyAreSent() throws Exception {
        proxy.curl(new byte[0], "--http2", url("/learn"));
        String events = proxy.curl(new byte[0], "--http1.1", "-N", "-w", "%{time_starttransfer} %{time_total}",
                url("/events"));
        assertEquals(3, events.split("data: ", -1).length - 1, events);
        String[] times = events.substring(events.lastIndexOf("\n") + 1).split(" ");
        // the first event arrives with the head, the last 600 ms later: none was held back
        assertTrue(Double.parseDouble(times[1]) - Double.parseDouble(times[0]) >= 0.5, events);
    }

    @Test
    void requestsCaughtByAConnectionThatEndsAreSentAgainOnANewOne() throws Exception {
        proxy.curl(new byte[0], "--http2", url("/learn"));
        List<String> args = new ArrayList<>(List.of("-s", "--http2", "--parallel", "--parallel-max", "8", "-w",
                "%{http_code}\\n"));
        for (int i = 0; i < 64; i++) {
            args.addAll(List.of("-o", "/dev/null", url("/rotate")));
        }
        String codes = proxy.curl(new byte[0], args.toArray(String[]::new));
        // every sixteenth request ends its connection: those in flight on it past the server's last
        // stream were never processed, and went again on the next connection
        assertEquals("200\n".repeat(64), codes, codes);
    }

    private static Map<String, Object> json(String text) {
        try {
            return Json.parseObject(text.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    private String url(String path) {
        return api.url(path);
    }
}
