package io.authsome.proxy.internal;

import io.authsome.api.agent.Agent;
import io.authsome.api.agent.Agents;
import io.authsome.api.agent.Grant;
import io.authsome.api.audit.AuditEvent;
import io.authsome.api.audit.AuditLog;
import io.authsome.api.config.AuditConfig;
import io.authsome.api.config.CallbackConfig;
import io.authsome.api.config.Config;
import io.authsome.api.config.Configuration;
import io.authsome.api.config.DaemonConfig;
import io.authsome.api.config.HttpConfig;
import io.authsome.api.config.ProxyConfig;
import io.authsome.api.config.RefreshConfig;
import io.authsome.api.config.Setting;
import io.authsome.api.credential.CredentialResolver;
import io.authsome.api.home.HomeLayout;
import io.authsome.api.provider.AuthType;
import io.authsome.api.provider.Flow;
import io.authsome.api.provider.HeaderInjection;
import io.authsome.api.provider.Provider;
import io.authsome.api.provider.ProviderCatalog;
import io.authsome.api.provider.ProviderDefinition;
import io.authsome.api.provider.ProviderSource;
import io.authsome.api.provider.Route;
import io.authsome.api.vault.Connection;
import io.authsome.api.vault.ConnectionInfo;
import io.authsome.api.vault.ConnectionState;
import io.authsome.api.vault.ProfileStore;
import io.authsome.api.vault.Secret;
import io.authsome.api.vault.Vault;
import io.authsome.common.home.DaemonRuntime;
import io.authsome.common.json.Json;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.ComponentContext;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The daemon's shared proxy over real sockets: agents through {@code Proxy-Authorization}, real TLS
 * interception with the home CA, real upstream TLS verified against a CA of the test's own, and
 * plain HTTP to a loopback API. The audit events and the warnings are checked after every test for
 * any agent credential.
 */
class SharedProxyTest {
    private static final String ACME = "api.acme.test";
    private static final String OTHER = "api.other.test";

    @TempDir
    Path home;

    private final Map<String, String> credentials = new ConcurrentHashMap<>();
    private final Map<String, Agent> agents = new ConcurrentHashMap<>();
    private final List<ConnectionInfo> connections = new CopyOnWriteArrayList<>();
    private final List<AuditEvent> audited = Collections.synchronizedList(new ArrayList<>());
    private final ByteArrayOutputStream warnings = new ByteArrayOutputStream();
    private final List<String> seenByClients = new CopyOnWriteArrayList<>();
    private TestApi acme;
    private TestApi other;
    private TestApi local;
    private SharedProxy proxy;

    private static <T> T fake(Class<T> type, Map<String, Function<Object[], Object>> answers) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            Function<Object[], Object> answer = answers.get(method.getName());
            if (answer == null) {
                if (method.isDefault()) {
                    return java.lang.reflect.InvocationHandler.invokeDefault(self, method, args);
                }
                throw new UnsupportedOperationException(method.getName());
            }
            return answer.apply(args == null ? new Object[0] : args);
        }));
    }

    private static void inject(Object target, String name, Object value) throws ReflectiveOperationException {
        Field field = target.getClass().getDeclaredField(name);
        field.setAccessible(true);
        field.set(target, value);
    }

    private static Provider provider(String name, String route) {
        return new Provider(new ProviderDefinition(1, name, name, AuthType.API_KEY, Flow.API_KEY,
                List.of(Route.parse(route)), List.of(), HeaderInjection.BEARER, null, null, Map.of(), null, Map.of()),
                ProviderSource.BUNDLED, "test");
    }

    private static ConnectionInfo connected(String provider) {
        return new ConnectionInfo(provider, "default", ConnectionState.CONNECTED, true, Map.of(), Instant.now(), null);
    }

    /** Adds an agent, as {@code agent add} would; returns its credential. */
    private String addAgent(String name, String... grants) {
        String credential = "cred-" + name + "-" + Long.toHexString(System.nanoTime());
        agents.put(name, new Agent(name, "default", java.util.Arrays.stream(grants).map(Grant::parse).toList(),
                Instant.now()));
        credentials.put(name, credential);
        return credential;
    }

    private void revoke(String name) {
        agents.remove(name);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @BeforeEach
    void start() throws Exception {
        Path upstreamCa = home.resolve("upstream-ca");
        acme = TestApi.tls(upstreamCa, ACME);
        other = TestApi.tls(upstreamCa, OTHER);
        local = TestApi.plain();
        List<Provider> providers = List.of(provider("acme", ACME), provider("other", OTHER),
                provider("local", "127.0.0.1:" + local.port()));
        connections.addAll(List.of(connected("acme"), connected("other"), connected("local")));
        ProviderCatalog catalog = fake(ProviderCatalog.class, Map.of(
                "providers", a -> providers,
                "find", a -> providers.stream().filter(p -> p.name().equals(a[0])).findFirst()));
        ProfileStore store = fake(ProfileStore.class, Map.of(
                "name", a -> "default",
                "connections", a -> a.length == 0 ? List.copyOf(connections)
                        : connections.stream().filter(info -> info.provider().equals(a[0])).toList(),
                "client", a -> Optional.empty()));
        Vault vault = fake(Vault.class, Map.of("profile", a -> store));
        CredentialResolver resolver = fake(CredentialResolver.class, Map.of(
                "resolve", a -> Connection.apiKey((String) a[1], (String) a[2], Secret.of("key-" + a[1]), Map.of(),
                        Instant.now())));
        Agents agentService = fake(Agents.class, Map.of(
                "authenticate", a -> {
                    String expected = credentials.get((String) a[0]);
                    return expected != null && agents.containsKey((String) a[0])
                            && Secret.of(expected).matches((Secret) a[1])
                            ? Optional.of(agents.get((String) a[0])) : Optional.empty();
                },
                "find", a -> Optional.ofNullable(agents.get((String) a[0]))));
        Config config = new Config("default", CallbackConfig.DEFAULTS, RefreshConfig.DEFAULTS, HttpConfig.DEFAULTS,
                AuditConfig.DEFAULTS, new ProxyConfig(CertificateAuthority.loadOrCreate(upstreamCa).certificatePath()
                .toString(), Map.of(ACME, "127.0.0.1", OTHER, "127.0.0.1"), Setting.of(ProxyConfig.Unconnected.ANSWER)),
                new DaemonConfig(Setting.of(freePort())));
        proxy = new SharedProxy();
        inject(proxy, "agents", agentService);
        inject(proxy, "catalog", catalog);
        inject(proxy, "vault", vault);
        inject(proxy, "resolver", resolver);
        inject(proxy, "auditLog", fake(AuditLog.class, Map.of("record", a -> audited.add((AuditEvent) a[0]))));
        inject(proxy, "configuration", fake(Configuration.class, Map.of("current", a -> config)));
        inject(proxy, "injectors", new Injectors());
        proxy.warnings = new PrintStream(warnings, true, StandardCharsets.UTF_8);
        proxy.start(new HomeLayout(home), Map.of());
        assertTrue(proxy.port() > 0, warnings.toString(StandardCharsets.UTF_8));
    }

    /** No agent credential in any audit event, warning or answer a client saw. */
    @AfterEach
    void noCredentialLeaks() throws IOException {
        proxy.deactivate();
        acme.close();
        other.close();
        local.close();
        List<String> outputs = new ArrayList<>();
        synchronized (audited) {
            audited.forEach(event -> outputs.add(Json.write(Map.of("event", event.event(), "details", event.details(),
                    "outcome", event.outcome()))));
        }
        outputs.add(warnings.toString(StandardCharsets.UTF_8));
        outputs.addAll(seenByClients);
        for (String credential : credentials.values()) {
            for (String output : outputs) {
                assertFalse(output.contains(credential), output);
                assertFalse(output.contains(Base64.getEncoder().encodeToString(credential.getBytes(StandardCharsets.UTF_8))),
                        output);
            }
        }
    }

    // ---- a client of the proxy --------------------------------------------------------------

    private record Response(int status, HttpHead head, String body) {
    }

    /** One client connection to the proxy, in plain HTTP until {@link #startTls}. */
    private final class Client implements AutoCloseable {
        private Socket socket;
        private InputStream in;
        private OutputStream out;

        Client() throws IOException {
            socket = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
            socket.setSoTimeout(20_000);
            in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        }

        Response send(String head) throws IOException {
            out.write((head + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            HttpHead response = HttpHead.read(in);
            if (response == null) {
                return null;
            }
            String length = response.get("Content-Length");
            String body = new String(in.readNBytes(length == null ? 0 : Integer.parseInt(length)), StandardCharsets.UTF_8);
            seenByClients.add(response + body);
            return new Response(HttpStatus.of(response), response, body);
        }

        Response connect(String host, int port, String proxyAuthorization) throws IOException {
            return send("CONNECT " + host + ":" + port + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n"
                    + (proxyAuthorization == null ? "" : "Proxy-Authorization: " + proxyAuthorization + "\r\n"));
        }

        /** TLS over the tunnel to {@code host}, trusting only {@code caCertificate} and checking the name. */
        void startTls(String host, Path caCertificate) throws Exception {
            SSLContext context = CertificateAuthority.loadOrCreate(caCertificate.getParent()).clientContext();
            SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket, host, socket.getPort(), true);
            SSLParameters parameters = tls.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            tls.setSSLParameters(parameters);
            tls.startHandshake();
            socket = tls;
            in = new BufferedInputStream(tls.getInputStream());
            out = tls.getOutputStream();
        }

        Response get(String host, String path) throws IOException {
            return send("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n");
        }

        /** Whether the proxy closed the connection. */
        boolean closedByProxy() throws IOException {
            try {
                return in.read() == -1;
            } catch (IOException e) {
                return true;
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static String basic(String name, String credential) {
        return "Basic " + Base64.getEncoder().encodeToString((name + ":" + credential).getBytes(StandardCharsets.UTF_8));
    }

    private Path homeCa() {
        return home.resolve("ca").resolve(CertificateAuthority.CERTIFICATE_FILE);
    }

    private Path upstreamCa() {
        return home.resolve("upstream-ca").resolve(CertificateAuthority.CERTIFICATE_FILE);
    }

    private List<AuditEvent> events(String name) {
        synchronized (audited) {
            return audited.stream().filter(event -> event.event().equals(name)).toList();
        }
    }

    // ---- tests ------------------------------------------------------------------------------

    @Test
    void anAgentGetsItsCredentialInjectedUntilItIsRevokedEvenOnAKeptAliveConnection() throws Exception {
        String credential = addAgent("ci", "acme");
        try (Client client = new Client()) {
            assertEquals(200, client.connect(ACME, acme.port(), basic("ci", credential)).status());
            client.startTls(ACME, homeCa());
            assertEquals("authorization=Bearer key-acme", client.get(ACME, "/first").body());
            assertEquals("authorization=Bearer key-acme", client.get(ACME, "/second").body(), "kept alive");
            revoke("ci");
            Response refused = client.get(ACME, "/third");
            assertEquals(407, refused.status());
            assertTrue(client.closedByProxy());
        }
        proxy.deactivate();
        List<AuditEvent> requests = events("proxy_request");
        assertEquals(2, requests.size(), requests.toString());
        for (AuditEvent event : requests) {
            assertEquals("ci", event.details().get("agent"));
            assertEquals("injected", event.details().get("mode"));
            assertEquals("acme", event.provider());
            assertEquals("default", event.profile());
        }
        AuditEvent refusal = events(AgentGate.REFUSED).get(0);
        assertEquals("ci", refusal.details().get("agent"));
        assertEquals("revoked", refusal.details().get("reason"));
    }

    @Test
    void eightHundredConnectionsAreOpenAtOnceAndTheNextIsServed() throws Exception {
        String credential = addAgent("ci", "acme");
        List<Client> open = new ArrayList<>();
        try {
            // 100 agents with 8 connections each (bench/agents.sh): more than a run's proxy takes.
            for (int i = 0; i < 800; i++) {
                open.add(new Client());
            }
            // Accepted after all of them (the accept queue is in order), so counted with 800 open.
            try (Client client = new Client()) {
                assertEquals(200, client.connect(ACME, acme.port(), basic("ci", credential)).status());
                client.startTls(ACME, homeCa());
                assertEquals("authorization=Bearer key-acme", client.get(ACME, "/801st").body());
            }
        } finally {
            for (Client client : open) {
                client.close();
            }
        }
        assertFalse(warnings.toString(StandardCharsets.UTF_8).contains("connections to the proxy at once"));
    }

    @Test
    void aWrongUnknownOrMissingCredentialGets407() throws Exception {
        String credential = addAgent("ci", "acme");
        for (String authorization : new String[] {basic("ci", credential + "x"), basic("nobody", credential), null,
                "Basic not-base64!", basic("", credential)}) {
            try (Client client = new Client()) {
                Response response = client.connect(ACME, acme.port(), authorization);
                assertEquals(407, response.status(), String.valueOf(authorization));
                assertEquals("Basic realm=\"authsome\"", response.head().get("Proxy-Authenticate"));
                assertTrue(response.body().contains("agent credential"), response.body());
                assertTrue(client.closedByProxy());
            }
        }
        try (Client client = new Client()) {
            assertEquals(407, client.send("GET http://127.0.0.1:" + local.port() + "/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Proxy-Authorization: " + basic("ci", "wrong") + "\r\n").status());
        }
        proxy.deactivate();
        assertEquals(List.of(), events("proxy_request"));
        List<AuditEvent> refusals = events(AgentGate.REFUSED);
        assertEquals(List.of("wrong_credential", "unknown_agent", "wrong_credential"),
                refusals.stream().map(event -> event.details().get("reason")).toList());
        assertEquals("ci", refusals.get(0).details().get("agent"));
        assertNull(refusals.get(1).details().get("agent"), "a name that is no agent's is never written");
    }

    @Test
    void aProviderTheAgentMayNotUseIsTunnelledBlindWithoutACredential() throws Exception {
        String credential = addAgent("ci", "acme");
        try (Client client = new Client()) {
            assertEquals(200, client.connect(OTHER, other.port(), basic("ci", credential)).status());
            // The real certificate of the API: no interception.
            client.startTls(OTHER, upstreamCa());
            assertEquals("authorization=none", client.get(OTHER, "/").body());
        }
        proxy.deactivate();
        AuditEvent tunnel = events("proxy_request").get(0);
        assertEquals(ProxyRequest.NOT_ALLOWED, tunnel.details().get("mode"));
        assertEquals("other", tunnel.provider());
        assertEquals("ci", tunnel.details().get("agent"));
    }

    @Test
    void plainHttpRequestsAreCheckedOneByOne() throws Exception {
        String credential = addAgent("ci", "local", "acme");
        String request = "GET http://127.0.0.1:" + local.port() + "/x HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Proxy-Authorization: " + basic("ci", credential) + "\r\n";
        try (Client client = new Client()) {
            assertEquals("authorization=Bearer key-local", client.send(request).body());
            revoke("ci");
            assertEquals(407, client.send(request).status());
        }
        String other = addAgent("bot");
        try (Client client = new Client()) {
            assertEquals("authorization=none", client.send("GET http://127.0.0.1:" + local.port() + "/ HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\nProxy-Authorization: " + basic("bot", other) + "\r\n").body());
        }
        proxy.deactivate();
        List<AuditEvent> requests = events("proxy_request");
        assertEquals(List.of("injected", ProxyRequest.NOT_ALLOWED),
                requests.stream().map(event -> event.details().get("mode")).toList());
        assertEquals(List.of("ci", "bot"), requests.stream().map(event -> event.details().get("agent")).toList());
    }

    @Test
    void aGrantOfANamedConnectionInjectsOnlyThatOneAndConnectionsAddedLaterCount() throws Exception {
        String credential = addAgent("ci", "acme=work");
        try (Client client = new Client()) {
            // acme has only its default connection: nothing to inject, so no interception either.
            assertEquals(200, client.connect(ACME, acme.port(), basic("ci", credential)).status());
            client.startTls(ACME, upstreamCa());
            assertEquals("authorization=none", client.get(ACME, "/").body());
        }
        connections.add(new ConnectionInfo("acme", "work", ConnectionState.CONNECTED, false, Map.of(), Instant.now(),
                null));
        try (Client client = new Client()) {
            assertEquals(200, client.connect(ACME, acme.port(), basic("ci", credential)).status());
            client.startTls(ACME, homeCa());
            assertEquals("authorization=Bearer key-acme", client.get(ACME, "/").body());
        }
    }

    @Test
    void stoppingLetsARequestInFlightFinish() throws Exception {
        String credential = addAgent("ci", "acme");
        try (Client client = new Client()) {
            assertEquals(200, client.connect(ACME, acme.port(), basic("ci", credential)).status());
            client.startTls(ACME, homeCa());
            CompletableFuture<Response> slow = CompletableFuture.supplyAsync(() -> {
                try {
                    return client.get(ACME, "/slow");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            assertTrue(acme.slowArrived.await(20, TimeUnit.SECONDS));
            int port = proxy.port();
            CompletableFuture<Void> stopped = CompletableFuture.runAsync(proxy::deactivate);
            // Once the proxy accepts no more, the request in flight is still waited for.
            for (int i = 0; i < 500 && !refused(port); i++) {
                Thread.sleep(10);
            }
            assertTrue(refused(port));
            assertFalse(stopped.isDone());
            acme.release();
            assertEquals("authorization=Bearer key-acme", slow.get(20, TimeUnit.SECONDS).body());
            stopped.get(20, TimeUnit.SECONDS);
        }
    }

    private static boolean refused(int port) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Test
    void theAgentsCaFilesAreWrittenWhereAgentAddSaysTheyAre() throws Exception {
        HomeLayout layout = new HomeLayout(home);
        String bundle = Files.readString(Agents.caBundle(layout));
        String ca = Files.readString(homeCa()).trim();
        assertTrue(bundle.contains(ca), "the bundle holds the proxy CA");
        KeyStore trustStore = KeyStore.getInstance("JKS");
        try (InputStream in = Files.newInputStream(Agents.trustStore(layout))) {
            trustStore.load(in, ChildTrust.TRUST_STORE_PASSWORD.toCharArray());
        }
        assertNotNull(trustStore.getCertificate("authsome-proxy-ca"));
    }

    @Test
    void outsideTheDaemonNothingStarts() throws Exception {
        List<String> enabled = new ArrayList<>();
        ComponentContext component = fake(ComponentContext.class, Map.of("enableComponent", a -> enabled.add((String) a[0])));
        Map<String, String> properties = new ConcurrentHashMap<>(Map.of(HomeLayout.PROPERTY, home.toString()));
        BundleContext bundle = fake(BundleContext.class, Map.of("getProperty", a -> properties.get((String) a[0])));
        new SharedProxyStarter().activate(component, bundle);
        assertEquals(List.of(), enabled);
        SharedProxy oneShot = new SharedProxy();
        oneShot.activate(bundle);
        assertEquals(-1, oneShot.port());
        oneShot.deactivate();
        properties.put(DaemonRuntime.PROPERTY, "true");
        new SharedProxyStarter().activate(component, bundle);
        assertEquals(List.of(SharedProxy.NAME), enabled);
        assertThrows(UnsupportedOperationException.class, () -> component.disableComponent("x"));
    }
}
