package io.authsome.proxy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.authsome.api.audit.AuditEvent;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A client that offers HTTP/2 in its TLS handshake gets HTTP/2 from the proxy inside an
 * intercepted tunnel, with the same filters as an HTTP/1.1 client: the credential injected, each
 * request audited, bodies streamed both ways. curl (built with nghttp2) is the independent client.
 */
class Http2ClientTest {
    @RegisterExtension
    final TestProxy proxy = new TestProxy();

    @Test
    void anHttp2ClientGetsHttp2AndTheCredential() throws Exception {
        String got = curl("--http2", "-w", "\\n%{http_version} %{http_code}", url("/hello"));
        assertEquals("authorization=Bearer " + TestProxy.KEY + "\n2 200", got);
        AuditEvent event = proxy.lastEvent();
        assertEquals(200, event.details().get("status"));
        assertEquals("GET", event.details().get("method"));
        assertEquals("/hello", event.details().get("path"));
    }

    @Test
    void theJdkHttpClientGetsHttp2() throws Exception {
        proxy.admitThisProcess();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
                .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", proxy.proxy.port())))
                .sslContext(proxy.clientContext()).build();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(url("/hello"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(HttpClient.Version.HTTP_2, answer.version());
            assertEquals("authorization=Bearer " + TestProxy.KEY, answer.body());
        }
    }

    @Test
    void requestsAtOnceShareOneConnection() throws Exception {
        List<String> args = new ArrayList<>(List.of("--http2", "--parallel",
                "--parallel-max", "8", "-w", "%{http_version}:%{num_connects} "));
        for (int i = 0; i < 8; i++) {
            args.add(url("/n" + i));
        }
        String got = curl(args.toArray(String[]::new));
        String[] transfers = got.replace("authorization=Bearer " + TestProxy.KEY, "").trim().split(" ");
        assertEquals(8, transfers.length, got);
        assertTrue(Arrays.stream(transfers).allMatch(t -> t.startsWith("2:")), got);
        assertEquals(1, Arrays.stream(transfers).mapToInt(t -> Integer.parseInt(t.substring(2))).sum(),
                "one connection for eight requests: " + got);
    }

    @Test
    void aBodyOfUnknownLengthGoesUpChunkedAndWhole() throws Exception {
        byte[] body = new byte[3 * 1024 * 1024 + 17];
        new java.util.Random(7).nextBytes(body);
        String got = proxy.curl(body, "--http2", "-T", "-", "-X", "POST", url("/echo"));
        assertEquals("received=" + body.length + " framing=chunked sha256="
                + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)), got);
    }

    @Test
    void aLargeAnswerStreamsWithFlowControl() throws Exception {
        String got = curl("--http2", "-o", "/dev/null", "-w", "%{http_version} %{size_download}", url("/big"));
        assertEquals("2 " + TestApi.BIG.length, got);
    }

    @Test
    void serverSentEventsArriveAsTheyAreSent() throws Exception {
        Process curl = proxy.curl("--http2", "-N", url("/events"));
        long started = System.nanoTime();
        long first = -1;
        int events = 0;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(curl.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("data: ")) {
                    events++;
                    first = first < 0 ? System.nanoTime() - started : first;
                }
            }
        }
        long end = System.nanoTime() - started;
        assertTrue(curl.waitFor(10, TimeUnit.SECONDS));
        assertEquals(TestApi.EVENTS, events);
        // A proxy that held the stream back would deliver the first event with the last.
        assertTrue(end - first >= TimeUnit.MILLISECONDS.toNanos(TestApi.EVENT_INTERVAL_MILLIS * (TestApi.EVENTS - 1)),
                "first event after " + first / 1_000_000 + " ms, end after " + end / 1_000_000 + " ms");
    }

    @Test
    void aRequestThatCannotBeForwardedIsRefusedOnItsStream() throws Exception {
        String got = curl("--http2", "-H", "Expect: something-else", "-w", "\n%{http_version} %{http_code}", url("/x"));
        assertTrue(got.endsWith("\n2 417"), got);
        assertTrue(got.startsWith("authsome proxy: request refused: an Expect other than 100-continue"), got);
        AuditEvent event = proxy.lastEvent();
        assertEquals(ProxyRequest.MALFORMED, event.details().get("mode"));
        assertEquals(417, event.details().get("status"));
    }

    @Test
    void anAnswerToHeadHasItsHeadOnly() throws Exception {
        String got = curl("--http2", "-I", "-w", "%{http_version} %{http_code} %{size_download}", url("/hello"));
        assertTrue(got.endsWith("2 200 0"), got);
        assertTrue(got.toLowerCase(java.util.Locale.ROOT).contains("content-length: "
                + ("authorization=Bearer " + TestProxy.KEY).length()), got);
    }

    @Test
    void aClientThatOffersOnlyHttp11KeepsIt() throws Exception {
        String got = curl("--http1.1", "-o", "/dev/null", "-w", "%{http_version} %{http_code}", url("/hello"));
        assertEquals("1.1 200", got);
    }

    private String url(String path) {
        return "https://" + TestProxy.API + ":" + proxy.api.port() + path;
    }

    private String curl(String... args) throws Exception {
        return proxy.curl(new byte[0], args);
    }
}
