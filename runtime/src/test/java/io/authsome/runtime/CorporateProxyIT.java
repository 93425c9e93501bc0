package io.authsome.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * authsome started behind a corporate proxy (HTTPS_PROXY with credentials): its upstream
 * connections, intercepted or tunnelled, go through that proxy, which here is a CONNECT proxy of
 * the test's own that sends every host to 127.0.0.1 and wants Basic credentials.
 */
class CorporateProxyIT {
    @TempDir
    Path temp;
    ApiServer api;
    CorporateProxy corporate;
    Authsome authsome;

    @BeforeEach
    void setUp() throws Exception {
        TestCa ca = TestCa.create(List.of(RunProxyIT.API, RunProxyIT.OTHER));
        api = ApiServer.start(ca.serverContext());
        corporate = CorporateProxy.start("corp:s3cret");
        authsome = RunProxyIT.home(temp.resolve("home"), ca, "", "")
                .with("HTTPS_PROXY", "http://corp:s3cret@127.0.0.1:" + corporate.port());
        RunProxyIT.register(authsome, "echoapi", RunProxyIT.API);
        assertEquals(0, authsome.with("ECHOAPI_KEY", "corp-key").run("login", "echoapi").exitCode());
        authsome.without("ECHOAPI_KEY");
    }

    @AfterEach
    void tearDown() throws IOException {
        api.close();
        corporate.close();
    }

    @Test
    void upstreamConnectionsGoThroughTheProxyAuthsomeWasGiven() throws Exception {
        String routed = "https://" + RunProxyIT.API + ":" + api.port() + "/corp";
        String other = "https://" + RunProxyIT.OTHER + ":" + api.port() + "/corp";
        Authsome.Run run = authsome.run("run", "--", "sh", "-c", "curl -sS " + routed + "; echo; curl -sS " + other);
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals("Bearer corp-key", RunProxyIT.lines(run).get(0).path("headers").path("authorization").asText());
        assertTrue(RunProxyIT.lines(run).get(1).path("headers").path("authorization").isMissingNode());
        assertEquals(List.of(RunProxyIT.API + ":" + api.port(), RunProxyIT.OTHER + ":" + api.port()), corporate.tunnels);
    }

    /** A CONNECT-only proxy that wants one Basic credential and connects every host to 127.0.0.1. */
    static final class CorporateProxy implements AutoCloseable {
        final List<String> tunnels = new CopyOnWriteArrayList<>();
        private final ServerSocket server;
        private final String expected;
        private final ExecutorService threads = Executors.newCachedThreadPool();

        private CorporateProxy(ServerSocket server, String userPass) {
            this.server = server;
            this.expected = "Basic " + Base64.getEncoder().encodeToString(userPass.getBytes(StandardCharsets.UTF_8));
        }

        static CorporateProxy start(String userPass) throws IOException {
            ServerSocket server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            CorporateProxy proxy = new CorporateProxy(server, userPass);
            proxy.threads.execute(proxy::accept);
            return proxy;
        }

        int port() {
            return server.getLocalPort();
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    threads.execute(() -> tunnel(client));
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void tunnel(Socket client) {
            try (client) {
                InputStream in = new BufferedInputStream(client.getInputStream());
                String request = head(in);
                String authority = request.split(" ")[1];
                OutputStream out = client.getOutputStream();
                if (!request.contains("Proxy-Authorization: " + expected + "\r\n")) {
                    out.write("HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    return;
                }
                tunnels.add(authority);
                try (Socket upstream = new Socket("127.0.0.1", Integer.parseInt(authority.substring(authority.lastIndexOf(':') + 1)))) {
                    out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    threads.execute(() -> copy(upstream, client));
                    copy(in, upstream);
                }
            } catch (IOException e) {
                // Either side went away.
            }
        }

        private static void copy(Socket from, Socket to) {
            try {
                from.getInputStream().transferTo(to.getOutputStream());
            } catch (IOException e) {
                // Closed.
            }
        }

        private static void copy(InputStream from, Socket to) {
            try {
                from.transferTo(to.getOutputStream());
            } catch (IOException e) {
                // Closed.
            }
        }

        private static String head(InputStream in) throws IOException {
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("closed");
                }
                head.append((char) b);
            }
            return head.toString();
        }

        @Override
        public void close() throws IOException {
            server.close();
            threads.shutdownNow();
        }
    }
}
