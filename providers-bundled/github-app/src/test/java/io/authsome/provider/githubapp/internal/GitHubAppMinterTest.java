package io.authsome.provider.githubapp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.authsome.api.plugin.ConnectionFields;
import io.authsome.api.plugin.InvalidFieldException;
import io.authsome.api.plugin.MintContext;
import io.authsome.api.plugin.MintException;
import io.authsome.api.plugin.MintedToken;
import io.authsome.common.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The GitHub App minter against a fake GitHub Enterprise API on loopback. */
class GitHubAppMinterTest {
    static final Instant NOW = Instant.parse("2026-12-02T22:00:00Z");
    static KeyPair keys;
    static String pem;

    HttpServer server;
    final ConcurrentLinkedQueue<HttpExchange> requests = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<String> jwts = new ConcurrentLinkedQueue<>();
    volatile Answer answer = new Answer(201, "application/json; charset=utf-8",
            "{\"token\":\"ghs_minted\",\"expires_at\":\"2026-12-02T23:00:00Z\",\"permissions\":{\"contents\":\"read\"}}", 0);
    final ByteArrayOutputStream trace = new ByteArrayOutputStream();
    final GitHubAppMinter minter = new GitHubAppMinter(Clock.fixed(NOW, ZoneOffset.UTC));

    record Answer(int status, String type, String body, long delayMillis) {
    }

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
        pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.add(exchange);
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization != null) {
                jwts.add(authorization.substring("Bearer ".length()));
            }
            Answer current = answer;
            try {
                Thread.sleep(current.delayMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = current.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", current.type());
            exchange.sendResponseHeaders(current.status(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    MintContext context(Optional<String> baseUrl, Duration timeout) {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        PrintStream out = new PrintStream(trace, true, StandardCharsets.UTF_8);
        return new MintContext() {
            public HttpClient http() {
                return http;
            }

            public Duration timeout() {
                return timeout;
            }

            public List<String> scopes() {
                return List.of();
            }

            public Optional<String> baseUrl() {
                return baseUrl;
            }

            public PrintStream trace() {
                return out;
            }
        };
    }

    MintContext enterprise() {
        return context(Optional.of(baseUrl() + "/"), Duration.ofSeconds(5));
    }

    static ConnectionFields fields(String appId, String installationId, String key) {
        return ConnectionFields.of("github-app/default", Map.of("app_id", appId, "installation_id", installationId,
                "private_key", key));
    }

    @Test
    void mintsAnInstallationTokenWithAJwtSignedByTheAppKey() throws Exception {
        MintedToken token = minter.mint(fields("123", "42", pem), enterprise());

        assertEquals("ghs_minted", token.token().reveal());
        assertEquals(Instant.parse("2026-12-02T23:00:00Z"), token.expiresAt());
        HttpExchange request = requests.remove();
        assertEquals("POST", request.getRequestMethod());
        assertEquals("/api/v3/app/installations/42/access_tokens", request.getRequestURI().getPath());
        assertEquals("application/vnd.github+json", request.getRequestHeaders().getFirst("Accept"));
        assertEquals("2022-11-28", request.getRequestHeaders().getFirst("X-GitHub-Api-Version"));

        String jwt = jwts.remove();
        String[] parts = jwt.split("\\.");
        Base64.Decoder base64url = Base64.getUrlDecoder();
        assertEquals("{\"alg\":\"RS256\",\"typ\":\"JWT\"}", new String(base64url.decode(parts[0]), StandardCharsets.UTF_8));
        Map<String, Object> claims = Json.parseObject(base64url.decode(parts[1]));
        assertEquals(Map.of("iat", NOW.getEpochSecond() - 60, "exp", NOW.getEpochSecond() + 540, "iss", "123"), claims);
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(keys.getPublic());
        verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(verifier.verify(base64url.decode(parts[2])));

        String traced = trace.toString(StandardCharsets.UTF_8);
        assertTrue(traced.contains("> POST " + baseUrl() + "/api/v3/app/installations/42/access_tokens"), traced);
        assertTrue(traced.contains("> Authorization: Bearer [redacted]"), traced);
        assertTrue(traced.contains("< 201"), traced);
        assertTrue(traced.contains("\"token\":\"[redacted]\""), traced);
        assertSecretsAbsent(traced, jwt);
    }

    @Test
    void theEndpointIsApiGitHubComWithoutABaseUrl() {
        assertEquals("https://api.github.com/app/installations/7/access_tokens",
                GitHubAppMinter.endpoint(context(Optional.empty(), Duration.ofSeconds(1)), "7"));
    }

    @Test
    void unauthorizedAndNotFoundRejectTheKeyMaterial() {
        answer = new Answer(401, "application/json", "{\"message\":\"A JSON web token could not be decoded\","
                + "\"documentation_url\":\"https://docs.github.com/rest\"}", 0);
        MintException unauthorized = assertThrows(MintException.class, () -> minter.mint(fields("123", "42", pem), enterprise()));
        assertTrue(unauthorized.rejected());
        assertEquals("unauthorized", unauthorized.error());
        assertTrue(unauthorized.getMessage().contains(baseUrl() + "/api/v3/app/installations/42/access_tokens answered 401"
                + ": A JSON web token could not be decoded"), unauthorized.getMessage());
        assertSecretsAbsent(unauthorized.getMessage(), jwts.remove());

        answer = new Answer(404, "application/json", "{\"message\":\"Not Found\"}", 0);
        MintException notFound = assertThrows(MintException.class, () -> minter.mint(fields("123", "42", pem), enterprise()));
        assertTrue(notFound.rejected());
        assertTrue(notFound.getMessage().contains("installation ID"), notFound.getMessage());
    }

    @Test
    void serverErrorsHtmlAndTimeoutsAreTriedAgainLater() {
        answer = new Answer(502, "text/html", "<html><body>Bad gateway</body></html>", 0);
        MintException bad = assertThrows(MintException.class, () -> minter.mint(fields("123", "42", pem), enterprise()));
        assertFalse(bad.rejected());
        assertTrue(bad.getMessage().contains("answered 502"), bad.getMessage());

        answer = new Answer(200, "text/html", "<html><body>Sign in</body></html>", 0);
        MintException html = assertThrows(MintException.class, () -> minter.mint(fields("123", "42", pem), enterprise()));
        assertFalse(html.rejected());
        assertEquals("not_json", html.error());
        assertTrue(html.getMessage().contains("answered 200 with text/html instead of a JSON object"), html.getMessage());

        answer = new Answer(403, "application/json", "{\"message\":\"API rate limit exceeded\"}", 0);
        MintException limited = assertThrows(MintException.class, () -> minter.mint(fields("123", "42", pem), enterprise()));
        assertFalse(limited.rejected());

        answer = new Answer(201, "application/json", "{}", 3000);
        MintException slow = assertThrows(MintException.class, () -> minter.mint(fields("123", "42", pem),
                context(Optional.of(baseUrl()), Duration.ofMillis(300))));
        assertFalse(slow.rejected());
        assertEquals("timeout", slow.error());
        assertTrue(slow.getMessage().startsWith(baseUrl() + "/api/v3/app/installations/42/access_tokens did not answer"),
                slow.getMessage());
        for (String jwt : jwts) {
            assertSecretsAbsent(bad.getMessage() + html.getMessage() + limited.getMessage() + slow.getMessage()
                    + trace.toString(StandardCharsets.UTF_8), jwt);
        }
    }

    @Test
    void anUnreachableHostIsTriedAgainLater() throws Exception {
        String url = baseUrl();
        server.stop(0);
        MintException down = assertThrows(MintException.class, () -> minter.mint(fields("123", "42", pem),
                context(Optional.of(url), Duration.ofSeconds(5))));
        assertFalse(down.rejected());
        assertEquals("unreachable", down.error());
    }

    @Test
    void checkWantsNumericIdsAndAnRsaKey() throws Exception {
        assertEquals(Map.of(), minter.check(fields("123", "42", pem)));
        assertEquals(Map.of(), minter.check(fields(" 123 ", "42\n", pem)));
        InvalidFieldException appId = assertThrows(InvalidFieldException.class, () -> minter.check(fields("my-app", "42", pem)));
        assertEquals("app_id", appId.field());
        assertTrue(appId.getMessage().contains("'my-app' is not a number"), appId.getMessage());
        assertEquals("installation_id", assertThrows(InvalidFieldException.class,
                () -> minter.check(fields("123", "0", pem))).field());
        String garbage = "-----BEGIN RSA PRIVATE KEY-----\nc2VjcmV0LWJ5dGVzLW9mLXRoZS1rZXk=\n-----END RSA PRIVATE KEY-----\n";
        InvalidFieldException key = assertThrows(InvalidFieldException.class, () -> minter.check(fields("123", "42", garbage)));
        assertEquals("private_key", key.field());
        assertTrue(key.getMessage().contains("damaged"), key.getMessage());
        assertFalse(key.getMessage().contains("c2VjcmV0"), key.getMessage());
    }

    @Test
    void aStoredKeyThatNoLongerParsesRejectsWithoutCallingGitHub() {
        MintException e = assertThrows(MintException.class, () -> minter.mint(fields("123", "42", "not a key"), enterprise()));
        assertTrue(e.rejected());
        assertEquals("invalid_key", e.error());
        assertTrue(requests.isEmpty());
    }

    private void assertSecretsAbsent(String text, String jwt) {
        assertFalse(text.contains(jwt.substring(jwt.lastIndexOf('.') + 1)), "the JWT signature leaked: " + text);
        assertFalse(text.contains(jwt.substring(0, jwt.lastIndexOf('.'))), "the JWT leaked: " + text);
        assertFalse(text.contains("ghs_minted"), "the token leaked: " + text);
        String body = pem.substring(pem.indexOf('\n') + 1, pem.indexOf('\n') + 40);
        assertFalse(text.contains(body), "the key leaked: " + text);
    }
}
