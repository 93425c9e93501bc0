package io.authsome.proxy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A run's proxy in process, over real sockets: TLS interception with a home CA, one API-key
 * provider routed to a real HTTPS {@link TestApi} on 127.0.0.1, the audit events kept in a list.
 * Clients open intercepted tunnels ({@link #tunnel()}) and write raw bytes in them. A JUnit
 * extension: each test gets a new one, in a home of its own ({@code @RegisterExtension}).
 */
final class TestProxy implements BeforeEachCallback, AfterEachCallback {
    static final String API = "api.strict.test";
    static final String KEY = "sk-strict-7d1f0c";

    final List<AuditEvent> audited = new CopyOnWriteArrayList<>();
    /** What threads ended with, while the test ran. */
    private final List<String> uncaught = new CopyOnWriteArrayList<>();
    private Thread.UncaughtExceptionHandler previousHandler;
    final ByteArrayOutputStream warnings = new ByteArrayOutputStream();
    TestApi api;
    ProxyServer proxy;
    private final ProxyCredentials credentials = ProxyCredentials.random();
    private final ChildPeers children = new ChildPeers();
    private final ProxyLimits limits;
    private boolean http2 = true;
    private Path home;

    /** A proxy with {@code limits} for each test. */
    TestProxy(ProxyLimits limits) {
        this.limits = limits;
    }

    /** A proxy with the limits of a run's for each test. */
    TestProxy() {
        this(ProxyLimits.RUN);
    }

    /** The same, set to speak HTTP/1.1 only ({@code proxy.http2} false). */
    TestProxy withoutHttp2() {
        http2 = false;
        return this;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        uncaught.clear();
        previousHandler = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> uncaught.add(thread.getName() + ": " + error));
        home = Files.createTempDirectory("authsome-proxy-test");
        api = TestApi.tls(home.resolve("upstream-ca"), API);
        Provider provider = new Provider(new ProviderDefinition(1, "strict", "Strict", AuthType.API_KEY, Flow.API_KEY,
                List.of(Route.parse(API)), List.of(), HeaderInjection.BEARER, null, null, Map.of(), null, Map.of()),
                ProviderSource.BUNDLED, "test");
        CredentialResolver resolver = new CredentialResolver() {
            @Override
            public Connection resolve(String profile, String name, String connection) {
                return Connection.apiKey(name, connection, Secret.of(KEY), Map.of(), Instant.now());
            }

            @Override
            public Connection refresh(String profile, String name, String connection) {
                throw new UnsupportedOperationException();
            }
        };
        AuditLog log = (AuditLog) java.lang.reflect.Proxy.newProxyInstance(AuditLog.class.getClassLoader(),
                new Class<?>[] {AuditLog.class}, (self, method, args) -> method.isDefault()
                        ? java.lang.reflect.InvocationHandler.invokeDefault(self, method, args)
                        : audited.add((AuditEvent) args[0]) ? null : null);
        ProxyConfig settings = new ProxyConfig(home.resolve("upstream-ca").resolve(CertificateAuthority.CERTIFICATE_FILE)
                .toString(), Map.of(API, "127.0.0.1"), Setting.of(ProxyConfig.Unconnected.ANSWER), Setting.of(http2));
        proxy = ProxyServer.start(new ProxyContext(
                new RouteTable(List.of(new RouteTable.Target(provider, "default", provider.definition().routes(),
                        ConnectionState.CONNECTED))),
                new CredentialSource(resolver, new Injectors(), "default"),
                new NoCredentials(NoCredentials.Policy.PASS, null),
                ProxySetup.connector(settings, home.resolve("config.json"), Map.of()),
                new InterceptTls(warmed(CertificateAuthority.loadOrCreate(home.resolve("ca")))),
                new ProxyAccess(credentials, children), new ProxyAudit(log), ProxyServer.newThreads(),
                new PrintStream(warnings, true, StandardCharsets.UTF_8), false), 0, limits);
    }

    /** {@code ca}, with the API's leaf minted: the first handshake is not slower than the limits tested. */
    private static CertificateAuthority warmed(CertificateAuthority ca) throws Exception {
        ca.leaf(API);
        return ca;
    }

    /**
     * Admits the connections of this JVM without proxy credentials, as a run admits its child's:
     * for clients that send none, such as the JDK's {@code HttpClient}.
     */
    void admitThisProcess() {
        children.admit(ProcessHandle.current().pid());
    }

    /** The {@code Proxy-Authorization} of the run's child. */
    String proxyAuthorization() {
        return "Basic " + Base64.getEncoder().encodeToString((ProxyCredentials.USER + ":" + credentials.password())
                .getBytes(StandardCharsets.UTF_8));
    }

    /** A new connection to the proxy that has sent CONNECT to the API and got 200. */
    Socket connected() throws IOException {
        Socket socket = connect(API + ":" + api.port(), new byte[0]);
        HttpHead answer = HttpHead.read(socket.getInputStream()); // unbuffered: nothing past the head is read
        assertTrue(answer != null && answer.startLine().startsWith("HTTP/1.1 200 "), String.valueOf(answer));
        return socket;
    }

    /**
     * A new connection to the proxy that has sent CONNECT to {@code authority}, with the run's
     * proxy credentials, and {@code after} in the same write; the answer is still to be read.
     */
    Socket connect(String authority, byte[] after) throws IOException {
        Socket socket = new Socket("127.0.0.1", proxy.port());
        socket.setSoTimeout(20_000);
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(("CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority + "\r\nProxy-Authorization: "
                + proxyAuthorization() + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        request.writeBytes(after);
        socket.getOutputStream().write(request.toByteArray());
        return socket;
    }

    /** An intercepted tunnel to the API: CONNECT, then TLS trusting the home CA and checking the name. */
    Tunnel tunnel() throws Exception {
        return tunnel(clientContext());
    }

    /**
     * Starts curl with {@code args} through the proxy, trusting the home CA, its standard error
     * as the test's: the proxy's credentials in its environment, as a run's child has them.
     */
    Process curl(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "--max-time", "30", "--cacert",
                caFile().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("HTTPS_PROXY", "http://" + ProxyCredentials.USER + ":" + credentials.password()
                + "@127.0.0.1:" + proxy.port());
        return builder.start();
    }

    /** Runs curl with {@code args} through the proxy, {@code input} on its standard input: what it printed, once it exited 0. */
    String curl(byte[] input, String... args) throws Exception {
        Process process = curl(args);
        try (OutputStream in = process.getOutputStream()) {
            in.write(input);
        } catch (IOException e) {
            // curl did not read it all: what it printed says why
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(40, TimeUnit.SECONDS), out);
        assertEquals(0, process.exitValue(), out);
        return out;
    }

    /** The CA of the test APIs' certificates, which the proxy trusts ({@code proxy.upstream_ca_file}). */
    CertificateAuthority upstreamCa() throws Exception {
        return CertificateAuthority.loadOrCreate(home.resolve("upstream-ca"));
    }

    /** The home CA's certificate, which the run's child trusts. */
    Path caFile() {
        return home.resolve("ca").resolve(CertificateAuthority.CERTIFICATE_FILE);
    }

    /** A new client TLS context that trusts the home CA, as the run's child does. */
    SSLContext clientContext() throws Exception {
        return CertificateAuthority.loadOrCreate(home.resolve("ca")).clientContext();
    }

    /** An intercepted tunnel whose TLS uses {@code context}, which must trust the home CA. */
    Tunnel tunnel(SSLContext context) throws Exception {
        Socket socket = connected();
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket, API, api.port(), true);
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        tls.setSSLParameters(parameters);
        tls.startHandshake();
        return new Tunnel(tls);
    }

    /** The newest audit event, once the audit queue has written what it had. */
    AuditEvent lastEvent() throws InterruptedException {
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

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        proxy.close();
        api.close();
        Thread.setDefaultUncaughtExceptionHandler(previousHandler);
        // A thread of the proxy that ends with an exception prints a stack trace to the user's terminal.
        assertTrue(uncaught.isEmpty(), "exceptions no proxy thread caught: " + uncaught);
        try (Stream<Path> files = Files.walk(home)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    /** A client's side of an intercepted tunnel. */
    static final class Tunnel implements AutoCloseable {
        final SSLSocket tls;

        private Tunnel(SSLSocket tls) {
            this.tls = tls;
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

        /**
         * One {@code GET} on the kept-alive tunnel: the status line and the body of the answer
         * (read to its {@code Content-Length}, and with it a session ticket that came before).
         */
        String get(String path) throws IOException {
            OutputStream out = tls.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: h\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = tls.getInputStream();
            HttpHead head = HttpHead.read(in);
            String length = head.get("Content-Length");
            return head.startLine() + "\r\n" + new String(in.readNBytes(length == null ? 0 : Integer.parseInt(length)),
                    StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws IOException {
            tls.close();
        }
    }
}
