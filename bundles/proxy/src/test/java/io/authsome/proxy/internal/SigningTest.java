package io.authsome.proxy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.authsome.api.audit.AuditEvent;
import io.authsome.api.audit.AuditLog;
import io.authsome.api.config.ProxyConfig;
import io.authsome.api.credential.CredentialResolver;
import io.authsome.api.plugin.ConnectionFields;
import io.authsome.api.plugin.CredentialField;
import io.authsome.api.plugin.CredentialInjector;
import io.authsome.api.plugin.CredentialPlugin;
import io.authsome.api.plugin.InjectionException;
import io.authsome.api.plugin.OutgoingRequest;
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
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin provider's injector in a real proxy, between a raw HTTP client and a loopback upstream
 * that checks what it was given: the body's hash before the headers go out (also for a chunked and
 * a spooled body), a streamed body left alone, a plugin that throws, a refusal learned from.
 */
class SigningTest {
    private static final String SECRET = "plugin-secret-6f1c2d";

    @TempDir
    Path home;

    private final List<AuditEvent> audited = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream warnings = new ByteArrayOutputStream();
    private final TestInjector injector = new TestInjector();
    private final AtomicInteger refuseNext = new AtomicInteger();
    private Upstream upstream;
    private ProxyServer proxy;
    private ProxyCredentials credentials;

    @BeforeEach
    void start() throws Exception {
        upstream = new Upstream();
        Provider provider = new Provider(new ProviderDefinition(1, "signed", "Signed", AuthType.PLUGIN, Flow.FIELDS,
                List.of(Route.parse("http://127.0.0.1:" + upstream.port())), List.of(), HeaderInjection.BEARER, null,
                null, Map.of(), null, Map.of(), "test-signer"), ProviderSource.BUNDLED, "test");
        CredentialResolver resolver = new CredentialResolver() {
            @Override
            public Connection resolve(String profile, String name, String connection) {
                return new Connection(name, connection, ConnectionState.CONNECTED, Map.of("secret", Secret.of(SECRET)),
                        Map.of("key_id", "k1", "ignored", "not a field"), Instant.now(), Instant.now(), null);
            }

            @Override
            public Connection refresh(String profile, String name, String connection) {
                throw new UnsupportedOperationException();
            }
        };
        Injectors injectors = new Injectors();
        injectors.add(injector, Map.of(CredentialPlugin.ID, "test-signer"));
        credentials = ProxyCredentials.random();
        AuditLog log = (AuditLog) java.lang.reflect.Proxy.newProxyInstance(AuditLog.class.getClassLoader(),
                new Class<?>[] {AuditLog.class}, (self, method, args) -> {
                    if (method.isDefault()) {
                        return java.lang.reflect.InvocationHandler.invokeDefault(self, method, args);
                    }
                    if (!method.getName().equals("record")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    return audited.add((AuditEvent) args[0]) ? null : null;
                });
        ProxyAudit audit = new ProxyAudit(log);
        proxy = ProxyServer.start(new ProxyContext(
                new RouteTable(List.of(new RouteTable.Target(provider, "default", provider.definition().routes(),
                        ConnectionState.CONNECTED))),
                new CredentialSource(resolver, injectors, "default"), new NoCredentials(NoCredentials.Policy.PASS, null),
                ProxySetup.connector(ProxyConfig.DEFAULTS, home.resolve("config.json"), Map.of()),
                new InterceptTls(CertificateAuthority.loadOrCreate(home.resolve("ca"))),
                new ProxyAccess(credentials, new ChildPeers()), audit, ProxyServer.newThreads(),
                new PrintStream(warnings, true, StandardCharsets.UTF_8), false));
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        upstream.close();
        String everything = warnings.toString(StandardCharsets.UTF_8) + audited;
        assertFalse(everything.contains(SECRET), "no secret in warnings or audit: " + everything);
    }

    @Test
    void aBodyOfKnownLengthIsHashedBeforeTheHeadersGoOut() throws Exception {
        String answer = send("POST", "/hashed", "Content-Length: 5\r\n", "hello".getBytes(StandardCharsets.UTF_8));

        assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
        assertTrue(answer.contains("verified length=5"), answer);
        assertEquals("k1", injector.keyIds.get(0), "the plugin sees its own fields");
        assertEquals(List.of("key_id", "secret"), injector.fieldNames.get(0), "and nothing else of the connection");
    }

    @Test
    void aChunkedBodyIsSentWithItsLengthOnceHashed() throws Exception {
        String answer = send("PUT", "/hashed", "Transfer-Encoding: chunked\r\n",
                "3\r\nabc\r\n4\r\ndefg\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));

        assertTrue(answer.contains("verified length=7 framing=length"), answer);
    }

    @Test
    void aLongBodyWaitsInAPrivateFileDeletedAfterwards() throws Exception {
        byte[] body = new byte[Spool.MEMORY_LIMIT * 2 + 17];
        new java.util.Random(7).nextBytes(body);
        long before = spoolFiles();

        String answer = send("PUT", "/hashed", "Content-Length: " + body.length + "\r\n", body);

        assertTrue(answer.contains("verified length=" + body.length), answer);
        assertEquals(before, spoolFiles(), "the spool file is gone");
    }

    @Test
    void aBodyTheCredentialDoesNotCoverStreamsUnread() throws Exception {
        String answer = send("PUT", "/unsigned", "Transfer-Encoding: chunked\r\n",
                "3\r\nabc\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));

        assertTrue(answer.contains("unsigned length=3 framing=chunked"), answer);
        assertTrue(injector.hashUnavailable, "the hash of a streamed body is refused to the plugin");
    }

    @Test
    void aPluginThatThrowsFailsItsRequestWithA502AndAnAuditEvent() throws Exception {
        String answer = send("GET", "/throw", "", new byte[0]);

        assertTrue(answer.startsWith("HTTP/1.1 502"), answer);
        assertTrue(answer.contains("the plugin 'test-signer' could not prepare the request: the plugin failed"
                + " (java.lang.IllegalStateException)"), answer);
        AuditEvent event = lastEvent();
        assertEquals(502, ((Number) event.details().get("status")).intValue());
        assertTrue(event.details().containsKey("plugin_error"), event.toString());
        assertEquals(0, upstream.requests.get(), "nothing was sent");
    }

    @Test
    void anInjectionFailureIsToldAsThePluginSaysIt() throws Exception {
        String answer = send("GET", "/refuse-to-sign", "", new byte[0]);

        assertTrue(answer.startsWith("HTTP/1.1 502"), answer);
        assertTrue(answer.contains("no region for this host"), answer);
    }

    @Test
    void aRefusalThePluginLearnsFromIsSignedAndSentOnceMore() throws Exception {
        refuseNext.set(1);

        String answer = send("POST", "/hashed", "Content-Length: 2\r\n", "hi".getBytes(StandardCharsets.UTF_8));

        assertTrue(answer.contains("verified length=2"), answer);
        assertEquals(2, upstream.requests.get());
        assertEquals(2, injector.signed.get());
        assertEquals(Boolean.TRUE, lastEvent().details().get("retried_after_refusal"));
    }

    /** The newest audit event, once the proxy's audit queue wrote it. */
    private AuditEvent lastEvent() throws InterruptedException {
        for (int i = 0; i < 100 && audited.isEmpty(); i++) {
            Thread.sleep(50);
        }
        return audited.get(audited.size() - 1);
    }

    private long spoolFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(file -> file.getFileName().toString().startsWith("authsome-body-")).count();
        }
    }

    /** One request through the proxy in absolute form; the whole answer as text. */
    private String send(String method, String path, String headers, byte[] body) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
            String basic = Base64.getEncoder().encodeToString((ProxyCredentials.USER + ":" + credentials.password())
                    .getBytes(StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            out.write((method + " http://127.0.0.1:" + upstream.port() + path + " HTTP/1.1\r\nHost: 127.0.0.1:"
                    + upstream.port() + "\r\nProxy-Authorization: Basic " + basic + "\r\nAuthorization: placeholder\r\n"
                    + "Connection: close\r\n" + headers + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** Signs with its secret over method, path and the body's hash, as a real request signer does. */
    private final class TestInjector implements CredentialInjector {
        final List<String> keyIds = new CopyOnWriteArrayList<>();
        final List<List<String>> fieldNames = new CopyOnWriteArrayList<>();
        final AtomicInteger signed = new AtomicInteger();
        volatile boolean hashUnavailable;

        @Override
        public List<CredentialField> fields() {
            return List.of(CredentialField.text("key_id", "Key id"), CredentialField.secret("secret", "Secret"));
        }

        @Override
        public Map<String, String> check(ConnectionFields values) {
            return Map.of();
        }

        @Override
        public boolean needsPayloadHash(OutgoingRequest request) {
            return !request.rawPath().equals("/unsigned");
        }

        @Override
        public void inject(OutgoingRequest request, ConnectionFields fields) throws InjectionException {
            switch (request.rawPath()) {
                case "/throw" -> throw new IllegalStateException("broken with " + SECRET);
                case "/refuse-to-sign" -> throw new InjectionException("no region for this host");
                case "/unsigned" -> {
                    hashUnavailable = assertThrows(IllegalStateException.class, request::payloadSha256) != null;
                    request.setHeader("Authorization", "unsigned");
                }
                default -> {
                    keyIds.add(fields.require("key_id"));
                    fieldNames.add(fields.names().stream().sorted().toList());
                    signed.incrementAndGet();
                    request.setHeader("Authorization", "sig " + signature(request.method(), request.rawPath(),
                            request.payloadSha256(), fields.require("secret")));
                    request.setHeader("X-Payload-Sha256", request.payloadSha256());
                }
            }
        }

        @Override
        public boolean retry(OutgoingRequest request, Refusal refusal) {
            return refusal.status() == 403 && refusal.body().contains("TimeTooSkewed")
                    && refusal.header("date") != null;
        }
    }

    private static String signature(String method, String path, String payload, String secret) {
        try {
            return sha256((secret + "\n" + method + "\n" + path + "\n" + payload).getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Checks the signature and the body's hash of each request; refuses once when told to. */
    private final class Upstream implements AutoCloseable {
        private final ServerSocket server = new ServerSocket();
        private final ExecutorService threads = Executors.newCachedThreadPool();
        final AtomicInteger requests = new AtomicInteger();

        Upstream() throws IOException {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            threads.execute(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket socket = server.accept();
                        threads.execute(() -> serve(socket));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        int port() {
            return server.getLocalPort();
        }

        private void serve(Socket socket) {
            try (socket) {
                InputStream in = new BufferedInputStream(socket.getInputStream());
                OutputStream out = socket.getOutputStream();
                for (HttpHead request = HttpHead.read(in); request != null; request = HttpHead.read(in)) {
                    requests.incrementAndGet();
                    String framing = request.get("Transfer-Encoding") != null ? "chunked" : "length";
                    ByteArrayOutputStream body = new ByteArrayOutputStream();
                    MessageBody.ofRequest(request).decode(in, body);
                    String path = request.startLine().split(" ")[1];
                    String text;
                    int status = 200;
                    if (refuseNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        status = 403;
                        text = "<Error><Code>RequestTimeTooSkewed</Code></Error>";
                    } else if (path.equals("/unsigned")) {
                        text = "unsigned length=" + body.size() + " framing=" + framing;
                    } else {
                        String expected = "sig " + signature(request.firstWord(), path, sha256(body.toByteArray()), SECRET);
                        boolean ok = expected.equals(request.get("Authorization"))
                                && sha256(body.toByteArray()).equals(request.get("X-Payload-Sha256"));
                        status = ok ? 200 : 403;
                        text = (ok ? "verified" : "mismatch") + " length=" + body.size() + " framing=" + framing;
                    }
                    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                    out.write(("HTTP/1.1 " + status + " X\r\nDate: " + java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                            .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC)) + "\r\nContent-Length: "
                            + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.write(bytes);
                    out.flush();
                }
            } catch (Exception e) {
                // the proxy went away
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            threads.shutdownNow();
        }
    }
}
