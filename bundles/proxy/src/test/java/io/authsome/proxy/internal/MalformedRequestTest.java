package io.authsome.proxy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.authsome.api.audit.AuditEvent;
import io.authsome.api.audit.AuditLog;
import io.authsome.api.config.ProxyConfig;
import io.authsome.api.config.Setting;
import io.authsome.api.credential.CredentialResolver;
import io.authsome.api.provider.AuthType;
import io.authsome.api.provider.Flow;
import io.authsome.api.provider.HeaderInjection;
import io.authsome.api.provider.Provider;
import io.authsome.api.provider.ProviderDefinition;
import io.authsome.api.provider.ProviderSource;
import io.authsome.api.provider.Route;
import io.authsome.api.vault.Connection;
import io.authsome.api.vault.ConnectionState;
import io.authsome.api.vault.Secret;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The shapes of request smuggling and desynchronisation, sent byte for byte on a raw socket
 * through a real proxy (TLS interception with the home CA, a real HTTPS API behind it): each is
 * refused with 400 (417 for an unknown expectation), the connection closed, the API never asked,
 * and a {@code malformed} audit event names the reason, never a header value (RFC 9112 6.3).
 */
class MalformedRequestTest {
    private static final String API = "api.strict.test";
    private static final String KEY = "sk-strict-7d1f0c";

    @TempDir
    Path home;

    private final List<AuditEvent> audited = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream warnings = new ByteArrayOutputStream();
    private TestApi api;
    private ProxyServer proxy;
    private ProxyCredentials credentials;

    @BeforeEach
    void start() throws Exception {
        api = TestApi.tls(home.resolve("upstream-ca"), API);
        Provider provider = new Provider(new ProviderDefinition(1, "strict", "Strict", AuthType.API_KEY, Flow.API_KEY,
                List.of(Route.parse(API)), List.of(), HeaderInjection.BEARER, null, null, Map.of(), null, Map.of()),
                ProviderSource.BUNDLED, "test");
        CredentialResolver resolver = new CredentialResolver() {
            @Override
            public Connection resolve(String profile, String name, String connection) {
                return Connection.apiKey(name, connection, Secret.of(KEY), Map.of(), java.time.Instant.now());
            }

            @Override
            public Connection refresh(String profile, String name, String connection) {
                throw new UnsupportedOperationException();
            }
        };
        AuditLog log = (AuditLog) java.lang.reflect.Proxy.newProxyInstance(AuditLog.class.getClassLoader(),
                new Class<?>[] {AuditLog.class}, (self, method, args) -> audited.add((AuditEvent) args[0]) ? null : null);
        credentials = ProxyCredentials.random();
        ProxyConfig settings = new ProxyConfig(home.resolve("upstream-ca").resolve(CertificateAuthority.CERTIFICATE_FILE)
                .toString(), Map.of(API, "127.0.0.1"), Setting.of(ProxyConfig.Unconnected.ANSWER));
        proxy = ProxyServer.start(new ProxyContext(
                new RouteTable(List.of(new RouteTable.Target(provider, "default", provider.definition().routes(),
                        ConnectionState.CONNECTED))),
                new CredentialSource(resolver, new Injectors(), "default"),
                new NoCredentials(NoCredentials.Policy.PASS, null),
                ProxySetup.connector(settings, home.resolve("config.json"), Map.of()),
                new InterceptTls(CertificateAuthority.loadOrCreate(home.resolve("ca"))),
                new ProxyAccess(credentials, new ChildPeers()), new ProxyAudit(log), ProxyServer.newThreads(),
                new PrintStream(warnings, true, StandardCharsets.UTF_8), false));
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        api.close();
        String everything = warnings.toString(StandardCharsets.UTF_8) + audited;
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
        try (Tunnel tunnel = Tunnel.open(proxy.port(), credentials, api.port(), home)) {
            String answer = tunnel.exchange("POST /upload HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "3\r\nabc\r\n" + "f".repeat(16) + "0\r\n");
            assertTrue(answer.startsWith("HTTP/1.1 400 "), answer);
            assertTrue(answer.contains("a chunk size that overflows"), answer);
        }
        assertEquals("a chunk size that overflows", lastEvent().details().get("reason"));
    }

    @Test
    void aBodyThatLooksLikeARequestStaysTheBodyOfAnExpectingRequest() throws Exception {
        // The client does not wait for 100 Continue: what follows the head is its body, by length,
        // even when it reads as a second request; then a real second request follows.
        String smuggled = "GET /admin HTTP/1.1\r\nHost: h\r\n\r\n";
        try (Tunnel tunnel = Tunnel.open(proxy.port(), credentials, api.port(), home)) {
            String answer = tunnel.exchange("POST /a HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: "
                    + smuggled.length() + "\r\n\r\n" + smuggled + "GET /b HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n");
            assertTrue(answer.startsWith("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 "), answer);
            assertEquals(2, answer.split("HTTP/1.1 200 ", -1).length - 1, answer);
        }
        assertEquals(2, api.requests.get(), "the API got two requests, not three");
    }

    @Test
    void aWellFormedChunkedRequestStillGoesThrough() throws Exception {
        try (Tunnel tunnel = Tunnel.open(proxy.port(), credentials, api.port(), home)) {
            String answer = tunnel.exchange("POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n"
                    + "Connection: close\r\n\r\n3;ext=1\r\nabc\r\n0\r\n\r\n");
            assertTrue(answer.startsWith("HTTP/1.1 200 "), answer);
            assertTrue(answer.contains("authorization=Bearer " + KEY), "injected");
        }
    }

    @Test
    void aMalformedConnectIsRefusedBeforeAdmission() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", proxy.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("CONNECT " + API + ":" + api.port() + " HTTP/1.1\r\nHost : x\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(answer.startsWith("HTTP/1.1 400 "), answer);
        }
        assertEquals("a space in or after a header name", lastEvent().details().get("reason"));
    }

    private void assertRefused(String request, int status, String reason) throws Exception {
        int before = api.requests.get();
        int events = audited.size();
        try (Tunnel tunnel = Tunnel.open(proxy.port(), credentials, api.port(), home)) {
            String answer = tunnel.exchange(request);
            assertTrue(answer.startsWith("HTTP/1.1 " + status + " "), answer);
            assertTrue(answer.contains("Connection: close"), answer);
            assertTrue(answer.contains(reason), answer);
        }
        assertEquals(before, api.requests.get(), "nothing reached the API");
        AuditEvent event = lastEvent();
        assertTrue(audited.size() > events, "audited");
        assertEquals(ProxyRequest.MALFORMED, event.details().get("mode"));
        assertEquals(status, ((Number) event.details().get("status")).intValue());
        assertTrue(((String) event.details().get("reason")).contains(reason), event.toString());
        assertEquals(API, event.details().get("host"));
        assertEquals(AuditEvent.FAILURE, event.outcome());
    }

    private AuditEvent lastEvent() throws InterruptedException {
        int size = audited.size();
        for (int i = 0; i < 100; i++) {
            Thread.sleep(20);
            if (audited.size() == size && size > 0) {
                break;
            }
            size = audited.size();
        }
        return audited.get(audited.size() - 1);
    }

    /** A client's intercepted tunnel to the API through the proxy: CONNECT, then TLS trusting the home CA. */
    private static final class Tunnel implements AutoCloseable {
        private final SSLSocket tls;

        private Tunnel(SSLSocket tls) {
            this.tls = tls;
        }

        static Tunnel open(int proxyPort, ProxyCredentials credentials, int apiPort, Path home) throws Exception {
            Socket socket = new Socket("127.0.0.1", proxyPort);
            socket.setSoTimeout(10_000);
            String authority = API + ":" + apiPort;
            socket.getOutputStream().write(("CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority
                    + "\r\nProxy-Authorization: Basic " + java.util.Base64.getEncoder().encodeToString((ProxyCredentials.USER
                    + ":" + credentials.password()).getBytes(StandardCharsets.UTF_8)) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                head.append((char) in.read());
            }
            assertTrue(head.toString().startsWith("HTTP/1.1 200 "), head.toString());
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", UpstreamTls.readPem(home.resolve("ca")
                    .resolve(CertificateAuthority.CERTIFICATE_FILE)).get(0));
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket, API, apiPort, true);
            SSLParameters parameters = tls.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            tls.setSSLParameters(parameters);
            tls.startHandshake();
            return new Tunnel(tls);
        }

        /** Sends {@code bytes} as they are and reads until the proxy closes the connection. */
        String exchange(String bytes) throws IOException {
            OutputStream out = tls.getOutputStream();
            out.write(bytes.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            try {
                tls.getInputStream().transferTo(answer);
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the proxy kept the connection open after: "
                        + answer.toString(StandardCharsets.ISO_8859_1), e);
            } catch (IOException closed) {
                // Reset after the answer: what came before it counts.
            }
            return answer.toString(StandardCharsets.ISO_8859_1);
        }

        @Override
        public void close() throws IOException {
            tls.close();
        }
    }
}
