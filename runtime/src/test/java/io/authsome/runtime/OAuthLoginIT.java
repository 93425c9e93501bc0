package io.authsome.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * OAuth 2.0 logins through the real command line against a real authorization server on loopback
 * (NAV's mock-oauth2-server, not written by this project), with the test acting as the person at
 * the browser through a {@code $BROWSER} script; and failures injected at a token endpoint of the
 * test's own.
 */
class OAuthLoginIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ISSUER = "default";

    private static MockOAuth2Server server;
    /** Authorization and token endpoints that misbehave on purpose (see {@link #startFaultyServer()}). */
    private static HttpServer faulty;
    private static ExecutorService faultyThreads;
    /** The last token request each faulty endpoint received, by case. */
    private static final Map<String, Map<String, String>> FAULTY_TOKEN_REQUESTS = new ConcurrentHashMap<>();

    @TempDir
    Path temp;
    Authsome authsome;
    /** The login callback port of this test's home. */
    int port;

    @BeforeAll
    static void startServers() throws Exception {
        quietLogging();
        server = new MockOAuth2Server();
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        startFaultyServer();
    }

    @AfterAll
    static void stopServers() {
        if (server != null) {
            server.shutdown();
        }
        if (faulty != null) {
            faulty.stop(0);
            faultyThreads.shutdownNow();
        }
    }

    @BeforeEach
    void newHome() throws Exception {
        authsome = new Authsome(temp.resolve("home"));
        // A secret the machine may have set must not turn the public client of a test into a confidential one.
        authsome.with("AUTHSOME_CLIENT_SECRET", "");
        port = freePort();
        configure("");
        drainMockRequests();
    }

    // ---------------------------------------------------------------- against mock-oauth2-server

    @Test
    void pkceLoginEndToEnd() throws Exception {
        registerMock("mock", "pkce");
        Authsome.Run login = authsome.with("BROWSER", curlBrowser()).runWithInput("\n", "login", "mock",
                "--client-id", "cli", "--timeout", "30");
        assertEquals(0, login.exitCode(), login.toString());
        assertTrue(login.err().contains(server.authorizationEndpointUrl(ISSUER).toString()),
                "the URL goes to stderr: " + login.err());

        assertEquals("connected", provider(authsome.run("list", "--json").json(), "mock").get("state").asText());
        Authsome.Run get = authsome.run("get", "mock", "--json");
        assertEquals(0, get.exitCode(), get.toString());
        JsonNode connection = get.json();
        assertEquals("[redacted]", connection.get("secrets").get("access_token").asText(), get.out());
        List<String> scopes = List.of(connection.get("scopes").asText().split(" "));
        assertTrue(scopes.containsAll(List.of("openid", "profile")), get.out());

        String accessToken = showSecret("mock", "access_token");
        String[] jwt = accessToken.split("\\.");
        assertEquals(3, jwt.length, "not a JWT: " + accessToken);
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(jwt[1]));
        assertEquals(server.issuerUrl(ISSUER).toString(), claims.get("iss").asText(), claims.toString());
        assertFalse(get.out().contains(accessToken), "get without --show-secret printed the token");

        RecordedRequest authorize = server.takeRequest(5, TimeUnit.SECONDS);
        assertEquals("GET", authorize.getMethod());
        assertEquals("/" + ISSUER + "/authorize", authorize.getRequestUrl().encodedPath());
        Map<String, String> query = parse(authorize.getRequestUrl().encodedQuery());
        assertEquals("code", query.get("response_type"), query.toString());
        assertEquals("cli", query.get("client_id"), query.toString());
        assertEquals(callbackUri(), query.get("redirect_uri"), query.toString());
        assertEquals("S256", query.get("code_challenge_method"), query.toString());
        assertEquals(43, query.get("code_challenge").length(), query.toString());
        assertTrue(query.get("state").length() >= 16, "state too short to be random: " + query);
        assertEquals("openid profile", query.get("scope"), query.toString());

        RecordedRequest token = server.takeRequest(5, TimeUnit.SECONDS);
        assertEquals("POST", token.getMethod());
        assertEquals("/" + ISSUER + "/token", token.getRequestUrl().encodedPath());
        Map<String, String> form = parse(token.getBody().readUtf8());
        assertEquals("authorization_code", form.get("grant_type"), form.toString());
        assertEquals(callbackUri(), form.get("redirect_uri"), form.toString());
        assertEquals("cli", form.get("client_id"), form.toString());
        assertNull(form.get("client_secret"), "a public client sent a client secret: " + form);
        String verifier = form.get("code_verifier");
        assertNotNull(verifier, form.toString());
        assertEquals(query.get("code_challenge"), s256(verifier), "code_verifier does not match the challenge");
        String code = form.get("code");
        assertNotNull(code, form.toString());

        List<String> secrets = new java.util.ArrayList<>(List.of(accessToken, code, verifier));
        if (connection.get("secrets").has("refresh_token")) {
            secrets.add(showSecret("mock", "refresh_token"));
        }
        assertNothingInPlainText(secrets);
    }

    @Test
    void jsonLoginPrintsAnAuthorizeEventThenOneResult() throws Exception {
        registerMock("mock", "pkce");
        Authsome.Run login = authsome.with("BROWSER", curlBrowser()).runWithInput("\n", "login", "mock",
                "--client-id", "cli", "--timeout", "30", "--json");
        assertEquals(0, login.exitCode(), login.toString());
        String[] lines = login.out().split("\n", 2);
        assertEquals(2, lines.length, login.toString());
        JsonNode event = JSON.readTree(lines[0]);
        assertEquals("authorize", event.get("event").asText(), lines[0]);
        assertEquals(1, event.get("v").asInt(), "every JSON document carries the format version: " + lines[0]);
        assertTrue(event.get("url").asText().startsWith(server.authorizationEndpointUrl(ISSUER) + "?"), lines[0]);
        assertTrue(event.get("url").asText().contains("code_challenge="), lines[0]);

        // The login reports its wait for the browser as event lines of their own, before the result.
        String afterEvents = lines[1].lines().filter(line -> !line.startsWith("{\"v\":1,\"event\":\"waiting\""))
                .collect(java.util.stream.Collectors.joining("\n"));
        List<JsonNode> documents = JSON.readerFor(JsonNode.class).<JsonNode>readValues(afterEvents).readAll();
        assertEquals(1, documents.size(), "after the events, stdout holds " + documents.size() + " documents: " + lines[1]);
        JsonNode result = documents.get(0);
        assertEquals("mock", result.get("provider").asText(), result.toString());
        assertEquals("connected", result.get("state").asText(), result.toString());
        assertEquals("pkce", result.get("flow").asText(), result.toString());
        assertFalse(login.out().contains(showSecret("mock", "access_token")), "the token is on stdout");
    }

    @Test
    void clientCredentialsLogin() throws Exception {
        register("mock-cc", """
                {"name": "mock-cc", "auth_type": "oauth2", "flow": "client_credentials", "api_url": "127.0.0.1:2",
                 "oauth": {"token_url": "%s", "scopes": ["api"]}}
                """.formatted(server.tokenEndpointUrl(ISSUER)));
        // No $BROWSER: this flow must not need a person.
        Authsome.Run login = authsome.with("AUTHSOME_CLIENT_SECRET", "s3cret").with("BROWSER", "false")
                .run("login", "mock-cc", "--client-id", "svc");
        assertEquals(0, login.exitCode(), login.toString());
        assertEquals("connected", provider(authsome.run("list", "--json").json(), "mock-cc").get("state").asText());

        RecordedRequest token = server.takeRequest(5, TimeUnit.SECONDS);
        assertEquals("POST", token.getMethod());
        assertEquals("/" + ISSUER + "/token", token.getRequestUrl().encodedPath(), "the first request was not the token request");
        Map<String, String> form = parse(token.getBody().readUtf8());
        assertEquals("client_credentials", form.get("grant_type"), form.toString());
        assertEquals("svc", form.get("client_id"), form.toString());
        assertEquals("s3cret", form.get("client_secret"), form.toString());
        assertEquals("api", form.get("scope"), form.toString());

        String accessToken = showSecret("mock-cc", "access_token");
        assertEquals(3, accessToken.split("\\.").length, "not a JWT: " + accessToken);
        assertNothingInPlainText(List.of(accessToken, "s3cret"));
    }

    @Test
    void anExistingConnectionNeedsForce() throws Exception {
        registerMock("mock", "pkce");
        authsome.with("BROWSER", curlBrowser());
        Authsome.Run first = authsome.runWithInput("\n", "login", "mock", "--client-id", "cli", "--timeout", "30");
        assertEquals(0, first.exitCode(), first.toString());
        String firstToken = showSecret("mock", "access_token");
        drainMockRequests();

        Authsome.Run again = authsome.runWithInput("\n", "login", "mock", "--client-id", "cli", "--timeout", "30");
        assertEquals(6, again.exitCode(), again.toString());
        assertTrue(again.err().contains("--force"), again.err());
        assertEquals(firstToken, showSecret("mock", "access_token"), "the refused login changed the connection");
        assertNull(takeMockRequest(), "the refused login still went to the authorization server");

        Authsome.Run forced = authsome.runWithInput("\n", "login", "mock", "--client-id", "cli", "--timeout", "30",
                "--force");
        assertEquals(0, forced.exitCode(), forced.toString());
        assertNotEquals(firstToken, showSecret("mock", "access_token"), "--force did not replace the connection");
    }

    // ---------------------------------------------------------------- the loopback callback

    @Test
    void aCallbackWithTheWrongStateIsAnsweredAndIgnoredAndTheLoginGoesOn() throws Exception {
        registerMock("mock", "pkce");
        Path status = temp.resolve("wrong-state.status");
        String browser = FakeBrowser.create(temp, "wrong-state", """
                curl -s -o /dev/null -w '%{http_code}' --noproxy '*' --max-time 10 'CALLBACK?code=planted&state=wrong' \
                  > 'STATUS'
                """.replace("CALLBACK", callbackUri()).replace("STATUS", status.toString()) + FakeBrowser.FOLLOW)
                .command();
        Authsome.Run login = authsome.with("BROWSER", browser).runWithInput("\n", "login", "mock", "--client-id", "cli",
                "--timeout", "20");
        assertEquals(0, login.exitCode(), login.toString());
        assertEquals("400", Files.readString(status).strip());
        assertTrue(authsome.run("get", "mock").out().contains("connected"));
    }

    @Test
    void aDeniedLoginIsNamed() throws Exception {
        registerMock("mock", "pkce");
        String browser = FakeBrowser.create(temp, "deny", FakeBrowser.DENY.replace("CALLBACK", callbackUri())).command();
        Authsome.Run login = authsome.with("BROWSER", browser).runWithInput("\n", "login", "mock", "--client-id", "cli",
                "--timeout", "20");
        assertEquals(2, login.exitCode(), login.toString());
        assertTrue(login.err().contains("access_denied"), login.err());
        assertNotConnected("mock");
    }

    @Test
    void noCallbackTimesOut() throws Exception {
        registerMock("mock", "pkce");
        long start = System.nanoTime();
        Authsome.Run login = authsome.with("BROWSER", "true").runWithInput("\n", "login", "mock", "--client-id", "cli",
                "--timeout", "2");
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        assertEquals(2, login.exitCode(), login.toString());
        assertTrue(login.err().contains("no login callback"), login.err());
        assertTrue(seconds < 20, "--timeout 2 took " + seconds + " s");
        assertNotConnected("mock");
    }

    @Test
    void aCallbackPortInUseIsNamed() throws Exception {
        registerMock("mock", "pkce");
        try (ServerSocket taken = new ServerSocket(port, 50, InetAddress.getByName("127.0.0.1"))) {
            Authsome.Run login = authsome.with("BROWSER", curlBrowser()).runWithInput("\n", "login", "mock",
                    "--client-id", "cli", "--timeout", "10");
            assertEquals(9, login.exitCode(), login.toString());
            assertTrue(login.err().contains(String.valueOf(port)), login.err());
        }
        assertNotConnected("mock");
    }

    // ---------------------------------------------------------------- a token endpoint that misbehaves

    @ParameterizedTest(name = "token endpoint answers {0}")
    @ValueSource(strings = {"html", "error500", "garbage", "slow"})
    void aBrokenTokenEndpointIsUnreachableAndNamed(String fault) throws Exception {
        configure(", \"http\": {\"timeout_seconds\": 2}");
        String tokenUrl = registerFaulty(fault);
        Authsome.Run login = authsome.with("BROWSER", curlBrowser()).with("AUTHSOME_CLIENT_SECRET", "s3cret")
                .runWithInput("", "login", "mock", "--client-id", "svc", "--timeout", "20");
        assertEquals(8, login.exitCode(), login.toString());
        assertTrue(login.err().contains(tokenUrl), "the message does not name " + tokenUrl + ": " + login.err());
        assertTokenRequestArrived(fault);
        assertNotConnected("mock");
    }

    @Test
    void aRejectedClientSaysHowToStartOver() throws Exception {
        String tokenUrl = registerFaulty("invalid_client");
        Authsome.Run login = authsome.with("BROWSER", curlBrowser()).with("AUTHSOME_CLIENT_SECRET", "s3cret")
                .runWithInput("", "login", "mock", "--client-id", "svc", "--timeout", "20");
        assertEquals(2, login.exitCode(), login.toString());
        assertTrue(login.err().contains("invalid_client"), login.err());
        assertTrue(login.err().contains(tokenUrl), login.err());
        assertTrue(login.err().contains("authsome remove mock") && login.err().contains("authsome login mock"),
                "the next step is not remove then login: " + login.err());
        assertTokenRequestArrived("invalid_client");
        assertNotConnected("mock");
    }

    // ---------------------------------------------------------------- helpers

    /** Writes config.json: this test's callback port, and {@code extra} members. */
    private void configure(String extra) throws IOException {
        Files.createDirectories(authsome.home());
        Files.writeString(authsome.home().resolve("config.json"),
                "{\"callback\": {\"port\": " + port + "}" + extra + "}\n");
    }

    private String callbackUri() {
        return "http://127.0.0.1:" + port + "/auth/callback/oauth";
    }

    private void registerMock(String name, String flow) throws IOException {
        register(name, """
                {"name": "%s", "auth_type": "oauth2", "flow": "%s", "api_url": "127.0.0.1:1",
                 "oauth": {"authorization_url": "%s", "token_url": "%s", "scopes": ["openid", "profile"]}}
                """.formatted(name, flow, server.authorizationEndpointUrl(ISSUER), server.tokenEndpointUrl(ISSUER)));
    }

    /** Registers provider {@code mock}: authorization at the faulty server, token at its {@code fault} endpoint. */
    private String registerFaulty(String fault) throws IOException {
        String base = "http://127.0.0.1:" + faulty.getAddress().getPort();
        String tokenUrl = base + "/token/" + fault;
        FAULTY_TOKEN_REQUESTS.remove(fault);
        register("mock", """
                {"name": "mock", "auth_type": "oauth2", "flow": "pkce", "api_url": "127.0.0.1:1",
                 "oauth": {"authorization_url": "%s/authorize", "token_url": "%s", "scopes": ["openid"]}}
                """.formatted(base, tokenUrl));
        return tokenUrl;
    }

    private void register(String name, String json) throws IOException {
        Path file = Files.writeString(temp.resolve(name + ".json"), json);
        Authsome.Run register = authsome.run("register", file.toString());
        assertEquals(0, register.exitCode(), register.toString());
    }

    /** A browser that follows every redirect of the URL, as a person who approves at once would. */
    private String curlBrowser() throws IOException {
        return FakeBrowser.create(temp, "curl-browser", FakeBrowser.FOLLOW).command();
    }

    private String showSecret(String provider, String field) {
        Authsome.Run run = authsome.run("get", provider, "--field", field, "--show-secret");
        assertEquals(0, run.exitCode(), run.toString());
        return run.out().strip();
    }

    private void assertNotConnected(String name) {
        Authsome.Run get = authsome.run("get", name);
        assertEquals(3, get.exitCode(), "a connection was stored: " + get);
    }

    private void assertNothingInPlainText(List<String> secrets) throws IOException {
        try (Stream<Path> files = Files.walk(authsome.home())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                for (String secret : secrets) {
                    assertFalse(content.contains(secret), "a secret (" + secret.substring(0, 6) + "...) is in " + file);
                }
            }
        }
    }

    private static void assertTokenRequestArrived(String fault) {
        Map<String, String> form = FAULTY_TOKEN_REQUESTS.get(fault);
        assertNotNull(form, "the token endpoint was never called");
        assertEquals("authorization_code", form.get("grant_type"), form.toString());
        assertEquals("injected-code", form.get("code"), form.toString());
        assertNotNull(form.get("code_verifier"), form.toString());
    }

    private static JsonNode provider(JsonNode list, String name) {
        for (JsonNode provider : list.get("providers")) {
            if (provider.get("name").asText().equals(name)) {
                return provider;
            }
        }
        throw new AssertionError("no provider " + name + " in " + list);
    }

    private static int freePort() throws IOException {
        return FreePorts.loopback();
    }

    private static String s256(String verifier) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    static Map<String, String> parse(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        if (encoded != null && !encoded.isEmpty()) {
            for (String pair : encoded.split("&")) {
                int eq = pair.indexOf('=');
                values.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    /** The next request the mock server recorded, or null when none comes within a moment. */
    private static RecordedRequest takeMockRequest() {
        try {
            return server.takeRequest(200, TimeUnit.MILLISECONDS);
        } catch (RuntimeException none) {
            return null;
        }
    }

    private static void drainMockRequests() {
        while (takeMockRequest() != null) {
            // Requests of an earlier test.
        }
    }

    /** mock-oauth2-server logs every request at DEBUG through logback; the test output needs none of it. */
    private static void quietLogging() {
        org.slf4j.Logger root = org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (root instanceof ch.qos.logback.classic.Logger logback) {
            logback.setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    /**
     * An authorization endpoint that approves at once (302 to the redirect URI with the request's
     * state and the code {@code injected-code}), and token endpoints {@code /token/<fault>}.
     */
    private static void startFaultyServer() throws IOException {
        faulty = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        faultyThreads = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "faulty-oauth");
            thread.setDaemon(true);
            return thread;
        });
        faulty.setExecutor(faultyThreads);
        faulty.createContext("/authorize", exchange -> {
            Map<String, String> query = parse(exchange.getRequestURI().getRawQuery());
            String location = query.get("redirect_uri") + "?code=injected-code&state="
                    + java.net.URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Location", URI.create(location).toString());
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        faulty.createContext("/token/", exchange -> {
            String fault = exchange.getRequestURI().getPath().substring("/token/".length());
            FAULTY_TOKEN_REQUESTS.put(fault, parse(new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8)));
            switch (fault) {
                case "html" -> answer(exchange, 200, "text/html; charset=utf-8",
                        "<!doctype html><html><body><h1>Sign in</h1></body></html>");
                case "error500" -> answer(exchange, 500, "application/json",
                        "{\"error\": \"internal_failure\", \"error_description\": \"the database is down\"}");
                case "garbage" -> answer(exchange, 200, "application/json", "access_token=abc&this is not json {");
                case "slow" -> {
                    try {
                        Thread.sleep(8_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    answer(exchange, 200, "application/json", "{\"access_token\": \"too-late\", \"token_type\": \"Bearer\"}");
                }
                case "invalid_client" -> answer(exchange, 400, "application/json",
                        "{\"error\": \"invalid_client\", \"error_description\": \"unknown client svc\"}");
                default -> answer(exchange, 404, "text/plain", "no such fault");
            }
        });
        faulty.start();
    }

    private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        try {
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException clientGone) {
            // The slow case: the client stopped waiting.
        } finally {
            exchange.close();
        }
    }
}
