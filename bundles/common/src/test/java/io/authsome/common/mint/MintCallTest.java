package io.authsome.common.mint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.authsome.api.plugin.MintContext;
import io.authsome.api.plugin.MintException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One round trip to a token endpoint on loopback: what comes back, what is traced, what fails. */
class MintCallTest {
    HttpServer server;
    volatile int status;
    volatile String type;
    volatile String body;
    volatile String received;
    final ByteArrayOutputStream trace = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/token", exchange -> {
            received = exchange.getRequestHeaders().getFirst("Content-Type") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
    }

    MintCall.Answer post() throws MintException {
        return MintCall.post(context(), url(), Map.of("Authorization", "Bearer eyJ.secret.jwt"), "text/plain",
                "assertion=eyJ.secret.jwt", "assertion=[redacted]");
    }

    void answer(int status, String type, String body) {
        this.status = status;
        this.type = type;
        this.body = body;
    }

    @Test
    void aJsonAnswerIsReturnedAndTracedWithItsSecretsRedactedAtAnyDepth() throws Exception {
        answer(201, "application/json", "{\"token\":\"ghs_secret\",\"nested\":{\"access_token\":\"ya29.secret\"},"
                + "\"expires_at\":\"2026-12-02T23:00:00Z\"}");
        MintCall.Answer answer = post();
        assertTrue(answer.ok());
        assertEquals("ghs_secret", answer.text("token"));
        assertEquals("text/plain assertion=eyJ.secret.jwt", received);
        String traced = trace.toString(StandardCharsets.UTF_8);
        assertTrue(traced.contains("> POST " + url()), traced);
        assertTrue(traced.contains("> Authorization: Bearer [redacted]"), traced);
        assertTrue(traced.contains("> assertion=[redacted]"), traced);
        assertTrue(traced.contains("\"nested\":{\"access_token\":\"[redacted]\"}"), traced);
        assertTrue(traced.contains("2026-12-02T23:00:00Z"), traced);
        for (String secret : List.of("ghs_secret", "ya29.secret", "secret.jwt")) {
            assertFalse(traced.contains(secret), traced);
        }
    }

    @Test
    void aRefusalIsTheCallersToReadAndDescribedInTheIssuersWords() throws Exception {
        answer(400, "application/json", "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid JWT\\nSignature.\"}");
        MintCall.Answer answer = post();
        assertFalse(answer.ok());
        assertEquals(url() + " answered 400 invalid_grant: Invalid JWT Signature.", answer.describe());

        answer(401, "text/html", "<html>Unauthorized</html>");
        MintCall.Answer html = post();
        assertEquals(401, html.status());
        assertEquals(Map.of(), html.json());
    }

    @Test
    void serverErrorsAndAnswersThatAreNoJsonObjectFailAsTransient() {
        answer(503, "application/json", "{\"message\":\"Service unavailable\"}");
        MintException unavailable = assertThrows(MintException.class, this::post);
        assertFalse(unavailable.rejected());
        assertEquals("http_503", unavailable.error());
        assertTrue(unavailable.getMessage().startsWith(url() + " answered 503: Service unavailable"),
                unavailable.getMessage());

        for (String notAnObject : List.of("<html>sign in</html>", "[1, 2]", "")) {
            answer(200, "text/html", notAnObject);
            MintException html = assertThrows(MintException.class, this::post);
            assertFalse(html.rejected());
            assertEquals("not_json", html.error());
        }
    }

    @Test
    void aUrlThatIsNoUrlIsRejectedWithoutARequest() {
        MintException e = assertThrows(MintException.class, () -> MintCall.post(context(), "https://bad host/token",
                Map.of(), "text/plain", "", ""));
        assertTrue(e.rejected());
        assertEquals("bad_endpoint", e.error());
    }

    private MintContext context() {
        HttpClient http = HttpClient.newHttpClient();
        PrintStream out = new PrintStream(trace, true, StandardCharsets.UTF_8);
        return new MintContext() {
            public HttpClient http() {
                return http;
            }

            public Duration timeout() {
                return Duration.ofSeconds(5);
            }

            public List<String> scopes() {
                return List.of();
            }

            public Optional<String> baseUrl() {
                return Optional.empty();
            }

            public PrintStream trace() {
                return out;
            }
        };
    }
}
