package io.authsome.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code authsome run} end to end: real clients (curl, Python, Node.js, the JDK's HttpClient) as
 * children, the proxy in between, and a real HTTPS API of the tests' own CA on loopback. The API
 * host names are pinned to 127.0.0.1 with {@code proxy.resolve}, because every client sends
 * loopback addresses past the proxy.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunProxyIT {
    static final String API = "api.authsome.test";
    static final String OTHER = "other.authsome.test";
    private static final String KEY = "sk-test-4f7d1c9e2b-injected-only";
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CLIENTS = Path.of("src/test/resources/clients").toAbsolutePath();

    @TempDir
    static Path temp;
    TestCa ca;
    ApiServer api;
    Authsome authsome;

    @BeforeAll
    void setUp() throws Exception {
        ca = TestCa.create(List.of(API, OTHER));
        api = ApiServer.start(ca.serverContext());
        authsome = home(temp.resolve("home"), ca);
        register(authsome, "echoapi", API);
        Authsome.Run login = authsome.with("ECHOAPI_KEY", KEY).run("login", "echoapi");
        authsome.without("ECHOAPI_KEY");
        assertEquals(0, login.exitCode(), login.toString());
    }

    /**
     * A home whose proxy trusts the test CA and finds the test hosts on 127.0.0.1. Children trust
     * the test CA too (SSL_CERT_FILE, which authsome keeps in their bundle), as they trust public
     * CAs: tunnelled hosts show them their real certificate.
     */
    static Authsome home(Path home, TestCa ca) throws Exception {
        return home(home, ca, "\"resolve\": {\"" + API + "\": \"127.0.0.1\", \"" + OTHER + "\": \"127.0.0.1\"}", "");
    }

    /**
     * A home with {@code proxyMembers} added to the {@code proxy} settings and {@code members} to
     * the top level of {@code config.json} (each empty or ending without a comma).
     */
    static Authsome home(Path home, TestCa ca, String proxyMembers, String members) throws Exception {
        Files.createDirectories(home);
        Path caFile = ca.writeCertificate(home.resolve("upstream-ca.pem"));
        Files.writeString(home.resolve("config.json"), "{\"proxy\": {\"upstream_ca_file\": \"" + caFile + "\""
                + (proxyMembers.isEmpty() ? "" : ", " + proxyMembers) + "}" + (members.isEmpty() ? "" : ", " + members) + "}");
        return new Authsome(home).with("SSL_CERT_FILE", caFile.toString());
    }

    static void register(Authsome authsome, String name, String route, String... flags) throws IOException {
        Path definition = Files.writeString(authsome.home().resolve(name + ".json"), "{\"name\": \"" + name + "\","
                + " \"auth_type\": \"api_key\", \"api_url\": \"" + route + "\", \"api_key\": {\"header_name\":"
                + " \"Authorization\", \"header_prefix\": \"Bearer \", \"env_var\": \"" + name.toUpperCase() + "_KEY\"},"
                + " \"export\": {\"env\": {\"api_key\": [\"" + name.toUpperCase() + "_KEY\"]}}}");
        List<String> args = new ArrayList<>(List.of("register", definition.toString()));
        args.addAll(List.of(flags));
        Authsome.Run run = authsome.run(args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.toString());
    }

    @AfterAll
    void tearDown() throws IOException {
        api.close();
    }

    private String url(String host, String path) {
        return "https://" + host + ":" + api.port() + path;
    }

    static List<JsonNode> lines(Authsome.Run run) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : run.out().strip().split("\n")) {
            if (!line.isBlank()) {
                nodes.add(JSON.readTree(line));
            }
        }
        return nodes;
    }

    @Test
    void curlGetsTheCredentialOnTheRoutedHostInPlaceOfItsOwnAndNoneElsewhere() throws Exception {
        Authsome.Run run = authsome.run("run", "--", "sh", "-c", "curl -sS -H \"Authorization: Bearer $ECHOAPI_KEY\" '"
                + url(API, "/v1/echo?key=query-value") + "'; echo; curl -sS '" + url(OTHER, "/echo") + "'");
        assertEquals(0, run.exitCode(), run.toString());
        List<JsonNode> answers = lines(run);
        assertEquals("Bearer " + KEY, answers.get(0).path("headers").path("authorization").asText(), run.toString());
        assertTrue(answers.get(1).path("headers").path("authorization").isMissingNode(), run.toString());
        assertFalse(run.err().contains(KEY), run.err());

        // The two connections are audited by two threads: in either order.
        List<JsonNode> requests = proxyRequests(authsome, 2);
        JsonNode injected = requests.stream().filter(event -> event.path("mode").asText().equals("injected"))
                .findFirst().orElseThrow(() -> new AssertionError("no injected request in " + requests));
        assertEquals("echoapi", injected.path("provider").asText());
        assertEquals("/v1/echo", injected.path("path").asText(), "the query never reaches the audit log");
        assertEquals(200, injected.path("status").asInt());
        assertEquals("GET", injected.path("method").asText());
        assertTrue(requests.stream().anyMatch(event -> event.path("mode").asText().equals("tunnelled")
                && event.path("host").asText().equals(OTHER)), "an unrouted host is not intercepted: " + requests);
        assertFalse(Files.readString(authsome.home().resolve("audit.log")).contains(KEY));
        assertFalse(Files.readString(authsome.home().resolve("audit.log")).contains("query-value"));
    }

    @Test
    void pythonUrllibGetsTheCredential() throws Exception {
        assertInjectedOnTheRoutedHostOnly("python3", CLIENTS.resolve("fetch_urllib.py").toString());
    }

    /**
     * Runs {@code client} with a URL on the routed host and one on another host, and checks that
     * only the first request carried the credential.
     */
    private void assertInjectedOnTheRoutedHostOnly(String... client) throws IOException {
        List<String> args = new ArrayList<>(List.of("run", "--"));
        args.addAll(List.of(client));
        args.addAll(List.of(url(API, "/client"), url(OTHER, "/client")));
        Authsome.Run run = authsome.run(args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.toString());
        List<JsonNode> answers = lines(run);
        assertEquals("Bearer " + KEY, answers.get(0).path("headers").path("authorization").asText(), run.toString());
        assertTrue(answers.get(1).path("headers").path("authorization").isMissingNode(), run.toString());
    }

    @Test
    void nodeGetsTheCredentialThroughTheProxyItIsGiven() throws Exception {
        Authsome.Run routed = authsome.run("run", "--", "node", CLIENTS.resolve("fetch_tunnel.js").toString(),
                url(API, "/node"));
        assertEquals(0, routed.exitCode(), routed.toString());
        assertEquals("Bearer " + KEY, lines(routed).get(0).path("headers").path("authorization").asText());
        Authsome.Run other = authsome.run("run", "--", "node", CLIENTS.resolve("fetch_tunnel.js").toString(),
                url(OTHER, "/node"));
        assertEquals(0, other.exitCode(), other.toString());
        assertTrue(lines(other).get(0).path("headers").path("authorization").isMissingNode());
    }

    @Test
    void aJvmChildWithTheDefaultHttpClientGetsTheCredential() throws Exception {
        assertInjectedOnTheRoutedHostOnly(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                CLIENTS.resolve("FetchWithJavaHttpClient.java").toString());
    }

    @Test
    void serverSentEventsReachTheChildAsTheyAreSent() throws Exception {
        Authsome.Run run = authsome.run("run", "--", "python3", CLIENTS.resolve("sse_timing.py").toString(),
                url(API, "/sse?events=4&interval_ms=700"));
        assertEquals(0, run.exitCode(), run.toString());
        JsonNode timing = lines(run).get(0);
        assertEquals(4, timing.path("events").asInt(), run.toString());
        // The stream lasts at least 2.1 s; a proxy that buffered it would deliver the first event at its end.
        assertTrue(timing.path("end_ms").asLong() >= 2100, run.toString());
        assertTrue(timing.path("first_ms").asLong() < timing.path("end_ms").asLong() - 1500, run.toString());
    }

    @Test
    void aOneMebibyteBodyPassesWhole() throws Exception {
        Authsome.Run run = authsome.run("run", "--", "curl", "-sS", "-o", "/dev/null", "-w", "%{size_download} %{http_code}",
                url(API, "/bytes?n=1048576"));
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals("1048576 200", run.out().strip());
    }

    @Test
    void theChildCodeIsReturnedAndAMissingCommandIs127() {
        assertEquals(7, authsome.run("run", "--", "sh", "-c", "exit 7").exitCode());
        Authsome.Run missing = authsome.run("run", "--", "no-such-command-here");
        assertEquals(127, missing.exitCode(), missing.toString());
        assertTrue(missing.err().contains("no-such-command-here"), missing.err());
    }

    @Test
    void theChildEnvironmentHoldsNoSecretAndOtherProcessesGet407() throws Exception {
        Process run = authsome.with("AUTHSOME_CLIENT_SECRET", "client-secret-never-passed")
                .start("run", "--", "sh", "-c", "echo \"$HTTPS_PROXY\"; echo $$; sleep 30");
        authsome.without("AUTHSOME_CLIENT_SECRET");
        List<ProcessHandle> tree;
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(run.getInputStream(), StandardCharsets.UTF_8));
            URI proxy = URI.create(readLine(out));
            long pid = Long.parseLong(readLine(out).strip());
            String environ = Files.readString(Path.of("/proc", Long.toString(pid), "environ"), StandardCharsets.ISO_8859_1);
            assertFalse(environ.contains(KEY), "the key is in the child's environment");
            assertFalse(environ.contains("client-secret-never-passed"));
            assertTrue(environ.contains("ECHOAPI_KEY=authsome-proxy-managed"), environ);
            for (String name : List.of("SSL_CERT_FILE", "REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE", "GIT_SSL_CAINFO",
                    "NODE_EXTRA_CA_CERTS", "DENO_CERT", "AWS_CA_BUNDLE", "NO_PROXY=localhost,127.0.0.1,::1", "http_proxy=", "JAVA_TOOL_OPTIONS=")) {
                assertTrue(environ.contains(name), name + " missing from " + environ);
            }

            assertEquals(407, connect(proxy.getPort(), null).status);
            assertEquals(407, connect(proxy.getPort(), "Basic " + Base64.getEncoder().encodeToString(
                    "authsome:wrong".getBytes(StandardCharsets.UTF_8))).status);

            Tunnel tunnel = connect(proxy.getPort(), "Basic " + Base64.getEncoder().encodeToString(
                    proxy.getRawUserInfo().getBytes(StandardCharsets.UTF_8)));
            assertEquals(200, tunnel.status);
            webSocketEcho(tunnel.socket);
        } finally {
            tree = run.descendants().toList();
            run.destroy(); // SIGTERM, which authsome forwards to the child
        }
        assertTrue(run.waitFor(20, TimeUnit.SECONDS));
        tree.forEach(ProcessHandle::destroyForcibly); // the sleep that the killed shell leaves behind
        assertEquals(143, run.exitValue(), "authsome returns the code of the child killed by the forwarded SIGTERM");
    }

    /** A WebSocket handshake through the intercepted tunnel, which gets the credential, then one echoed frame. */
    private void webSocketEcho(Socket tunnel) throws Exception {
        SSLSocket tls = (SSLSocket) trustingAuthsomeCa().getSocketFactory().createSocket(tunnel, API, api.port(), true);
        tls.startHandshake();
        OutputStream out = tls.getOutputStream();
        out.write(("GET /ws HTTP/1.1\r\nHost: " + API + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        InputStream in = new BufferedInputStream(tls.getInputStream());
        String head = head(in);
        assertTrue(head.startsWith("HTTP/1.1 101"), head);
        assertTrue(head.contains("X-Seen-Authorization: Bearer " + KEY), head);
        byte[] mask = {1, 2, 3, 4};
        byte[] text = "hello through the proxy".getBytes(StandardCharsets.UTF_8);
        byte[] frame = new byte[2 + 4 + text.length];
        frame[0] = (byte) 0x81;
        frame[1] = (byte) (0x80 | text.length);
        System.arraycopy(mask, 0, frame, 2, 4);
        for (int i = 0; i < text.length; i++) {
            frame[6 + i] = (byte) (text[i] ^ mask[i % 4]);
        }
        out.write(frame);
        out.flush();
        assertEquals(0x81, in.read());
        int length = in.read();
        assertEquals("hello through the proxy", new String(in.readNBytes(length), StandardCharsets.UTF_8));
        tls.close();
    }

    private SSLContext trustingAuthsomeCa() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream pem = Files.newInputStream(authsome.home().resolve("ca/ca.pem"))) {
            trust.setCertificateEntry("authsome", CertificateFactory.getInstance("X.509").generateCertificate(pem));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    private record Tunnel(int status, Socket socket) {
    }

    private Tunnel connect(int proxyPort, String authorization) throws IOException {
        Socket socket = new Socket("127.0.0.1", proxyPort);
        socket.setSoTimeout(20_000);
        String authority = API + ":" + api.port();
        socket.getOutputStream().write(("CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority + "\r\n"
                + (authorization == null ? "" : "Proxy-Authorization: " + authorization + "\r\n") + "\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        String head = head(socket.getInputStream());
        int status = Integer.parseInt(head.substring(9, 12));
        if (status != 200) {
            socket.close();
        }
        return new Tunnel(status, socket);
    }

    private static String head(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        return head.toString();
    }

    @Test
    void twoProvidersEquallySpecificGetNoCredentialAndAWarning() throws Exception {
        Authsome twins = home(temp.resolve("twins"), ca);
        register(twins, "echoa", API);
        register(twins, "echob", API, "--force");
        assertEquals(0, twins.with("ECHOA_KEY", "key-a").run("login", "echoa").exitCode());
        assertEquals(0, twins.with("ECHOB_KEY", "key-b").run("login", "echob").exitCode());
        Authsome.Run run = twins.run("run", "--", "curl", "-sS", url(API, "/twins"));
        assertEquals(0, run.exitCode(), run.toString());
        assertNull(lines(run).get(0).path("headers").get("authorization"), run.toString());
        assertTrue(run.err().contains("echoa and echob"), run.err());
        JsonNode event = proxyRequests(twins, 1).get(0);
        assertEquals("ambiguous", event.path("mode").asText());
        assertEquals("echoa,echob", event.path("providers").asText());
    }

    /** Stores {@code key} as the echoapi connection {@code name}, replacing it if it exists. */
    private void loginConnection(String name, String key) {
        Authsome.Run login = authsome.with("ECHOAPI_KEY", key).run("login", "echoapi", "--connection", name, "--force");
        authsome.without("ECHOAPI_KEY");
        assertEquals(0, login.exitCode(), login.toString());
    }

    @Test
    void connectionChosenWithAnOptionIsInjected() throws Exception {
        loginConnection("second", "sk-second-connection");
        Authsome.Run run = authsome.run("run", "--connection", "echoapi=second", "--", "curl", "-sS", url(API, "/second"));
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals("Bearer sk-second-connection", lines(run).get(0).path("headers").path("authorization").asText());
        assertEquals(3, authsome.run("run", "--connection", "echoapi=nope", "--", "true").exitCode());
    }

    @Test
    void aConnectionChangedByAnotherProcessIsUsedOnTheNextRequest() throws Exception {
        loginConnection("rotating", "sk-before-rotation");
        // Between two requests of the child, the person logs in again with a new key (another authsome
        // process, outside the run: inside it, login is refused).
        Path rotated = temp.resolve("rotated");
        String request = "curl -sS '" + url(API, "/rotation") + "'; echo; ";
        Process run = authsome.start("run", "--connection", "echoapi=rotating", "--", "sh", "-c", request
                + "echo ready; while [ ! -f '" + rotated + "' ]; do sleep 0.1; done; " + request);
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(run.getInputStream(), StandardCharsets.UTF_8));
            JsonNode before = JSON.readTree(readLine(out));
            assertEquals("ready", readLine(out));
            loginConnection("rotating", "sk-after-rotation");
            Files.createFile(rotated);
            JsonNode after = JSON.readTree(readLine(out));
            assertTrue(run.waitFor(20, TimeUnit.SECONDS));
            assertEquals(0, run.exitValue());
            assertEquals("Bearer sk-before-rotation", before.path("headers").path("authorization").asText());
            assertEquals("Bearer sk-after-rotation", after.path("headers").path("authorization").asText());
        } finally {
            run.descendants().forEach(ProcessHandle::destroyForcibly);
            run.destroyForcibly();
        }
    }

    @Test
    void sigintSentToAuthsomeReachesTheChild() throws Exception {
        Process run = authsome.start("run", "--", "sh", "-c",
                "trap 'echo interrupted; exit 42' INT; echo ready; while :; do sleep 0.1; done");
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(run.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("ready", readLine(out));
            new ProcessBuilder("kill", "-INT", Long.toString(run.pid())).start().waitFor();
            assertEquals("interrupted", readLine(out));
            assertTrue(run.waitFor(20, TimeUnit.SECONDS));
            assertEquals(42, run.exitValue(), "authsome ends with the child's code, not of the signal");
        } finally {
            run.descendants().forEach(ProcessHandle::destroyForcibly);
            run.destroyForcibly();
        }
    }

    /** The next line, or a failure after 20 s (a child that never answers must not hang the build). */
    private static String readLine(BufferedReader out) throws Exception {
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).get(20, TimeUnit.SECONDS);
    }

    /** The last {@code count} proxy_request audit events, oldest first. */
    static List<JsonNode> proxyRequests(Authsome authsome, int count) throws IOException {
        List<JsonNode> events = new ArrayList<>();
        try (Stream<String> lines = Files.lines(authsome.home().resolve("audit.log"))) {
            for (String line : lines.toList()) {
                JsonNode event = JSON.readTree(line);
                if (event.path("event").asText().equals("proxy_request")) {
                    events.add(event);
                }
            }
        }
        return events.subList(events.size() - count, events.size());
    }
}
