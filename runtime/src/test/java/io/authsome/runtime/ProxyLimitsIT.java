package io.authsome.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proxy of {@code authsome run} against connections that never say anything, too many
 * connections at once, and a corporate proxy that must never see a loopback route's credential.
 */
class ProxyLimitsIT {
    private static final int LIMIT = 512;

    @TempDir
    Path temp;
    TestCa ca;
    ApiServer api;
    Authsome authsome;
    Process run;

    @BeforeEach
    void setUp() throws Exception {
        ca = TestCa.create(List.of(RunProxyIT.API, "localhost"));
        api = ApiServer.start(ca.serverContext());
        authsome = RunProxyIT.home(temp.resolve("home"), ca);
    }

    @AfterEach
    void tearDown() throws Exception {
        api.close();
        if (run != null) {
            run.descendants().forEach(ProcessHandle::destroyForcibly);
            run.destroyForcibly();
            run.waitFor(20, TimeUnit.SECONDS);
        }
    }

    /** Starts a run whose child only waits, and returns the port of its proxy. */
    private int proxyPort() throws Exception {
        run = authsome.start("run", "--", "sh", "-c", "echo \"$HTTPS_PROXY\"; exec sleep 120");
        BufferedReader out = new BufferedReader(new InputStreamReader(run.getInputStream(), StandardCharsets.UTF_8));
        String proxy = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).get(30, TimeUnit.SECONDS);
        return URI.create(proxy).getPort();
    }

    /** Reads until the connection ends: {@code true} if the proxy closed it, {@code false} if it stayed open 40 s. */
    private static boolean closedByTheProxy(Socket socket) throws IOException {
        socket.setSoTimeout(40_000);
        try {
            InputStream in = socket.getInputStream();
            while (in.read() >= 0) {
                // Whatever the proxy says before closing.
            }
            return true;
        } catch (SocketException reset) {
            return true;
        } catch (java.net.SocketTimeoutException stillOpen) {
            return false;
        }
    }

    @Test
    void aConnectionThatSendsNoRequestIsClosedAtTheAdmissionDeadline() throws Exception {
        try (Socket silent = new Socket("127.0.0.1", proxyPort())) {
            assertTrue(closedByTheProxy(silent), "a silent connection stayed open");
        }
    }

    @Test
    void pastTheConnectionLimitANewConnectionGets503() throws Exception {
        int port = proxyPort();
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < LIMIT; i++) {
                idle.add(new Socket("127.0.0.1", port));
            }
            try (Socket extra = new Socket("127.0.0.1", port)) {
                extra.setSoTimeout(20_000);
                String answer = new String(extra.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                assertTrue(answer.startsWith("HTTP/1.1 503 "), answer);
                assertTrue(answer.contains("more than " + LIMIT + " connections"), answer);
            }
        } finally {
            for (Socket socket : idle) {
                socket.close();
            }
        }
    }

    @Test
    void aLoopbackRouteNeverGoesThroughTheCorporateProxy() throws Exception {
        try (CorporateProxyIT.CorporateProxy corporate = CorporateProxyIT.CorporateProxy.start("corp:s3cret")) {
            Authsome behind = RunProxyIT.home(temp.resolve("behind"), ca, "", "")
                    .with("HTTPS_PROXY", "http://corp:s3cret@127.0.0.1:" + corporate.port())
                    .with("NO_PROXY", "").with("no_proxy", "");
            RunProxyIT.register(behind, "localapi", "localhost");
            assertEquals(0, behind.with("LOCALAPI_KEY", "sk-local-only").run("login", "localapi").exitCode());
            behind.without("LOCALAPI_KEY");
            // Loopback is in the child's NO_PROXY, so curl is told to use authsome's proxy anyway.
            Authsome.Run request = behind.run("run", "--", "sh", "-c", "curl -sS --noproxy '' -x \"$HTTPS_PROXY\""
                    + " https://localhost:" + api.port() + "/loop");
            assertEquals(0, request.exitCode(), request.toString());
            assertEquals("Bearer sk-local-only", RunProxyIT.lines(request).get(0).path("headers").path("authorization")
                    .asText(), request.toString());
            assertEquals(List.of(), corporate.tunnels, "the corporate proxy carried the loopback route");
        }
    }
}
