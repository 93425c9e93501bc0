package io.authsome.proxy.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.authsome.api.audit.AuditEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A CONNECT to a host the proxy does not intercept is a blind tunnel, relayed on the proxy's
 * reactor: bytes go both ways as they come, a side that reads slowly slows the other, and open
 * tunnels hold no thread. The host is an echo server on loopback that greets first.
 */
class BlindTunnelTest {
    private static final byte[] GREETING = "hello\n".getBytes(StandardCharsets.US_ASCII);

    @RegisterExtension
    final TestProxy proxy = new TestProxy();
    private ServerSocket echo;
    private final List<Socket> accepted = new ArrayList<>();

    @BeforeEach
    void startEcho() throws IOException {
        echo = new ServerSocket(0, 512, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!echo.isClosed()) {
                try {
                    Socket socket = echo.accept();
                    synchronized (accepted) {
                        accepted.add(socket);
                    }
                    Thread echoing = new Thread(() -> echo(socket));
                    echoing.setDaemon(true);
                    echoing.start();
                } catch (IOException e) {
                    return; // closed
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private static void echo(Socket socket) {
        try (socket) {
            OutputStream out = socket.getOutputStream();
            out.write(GREETING);
            socket.getInputStream().transferTo(out);
        } catch (IOException e) {
            // the tunnel closed
        }
    }

    @AfterEach
    void stopEcho() throws IOException {
        echo.close();
        synchronized (accepted) {
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }

    @Test
    void bytesGoBothWaysWholeAndTheTunnelIsAudited() throws Exception {
        byte[] sent = new byte[16 * 1024 * 1024];
        new Random(5).nextBytes(sent);
        try (Socket socket = open(new byte[0])) {
            InputStream in = socket.getInputStream();
            assertArrayEquals(GREETING, in.readNBytes(GREETING.length));
            // the whole body is written before any is read back: the echo, the tunnel and the
            // client's buffers fill, and each side waits for the other instead of buffering it all
            CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
                try {
                    socket.getOutputStream().write(sent);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(300);
            MessageDigest expected = MessageDigest.getInstance("SHA-256");
            assertArrayEquals(expected.digest(sent), MessageDigest.getInstance("SHA-256").digest(in.readNBytes(sent.length)));
            writing.join();
        }
        AuditEvent event = lastTunnel();
        assertEquals(200, event.details().get("status"));
        assertEquals((long) sent.length, ((Number) event.details().get("bytes_sent")).longValue());
        assertEquals((long) sent.length + GREETING.length, ((Number) event.details().get("bytes_received")).longValue());
    }

    @Test
    void bytesSentWithTheConnectGoThroughTheTunnel() throws Exception {
        byte[] early = "sent with the CONNECT\n".getBytes(StandardCharsets.US_ASCII);
        try (Socket socket = open(early)) {
            InputStream in = socket.getInputStream();
            assertArrayEquals(GREETING, in.readNBytes(GREETING.length));
            assertArrayEquals(early, in.readNBytes(early.length));
        }
    }

    @Test
    void theHostClosingEndsTheTunnel() throws Exception {
        try (Socket socket = open(new byte[0])) {
            InputStream in = socket.getInputStream();
            assertArrayEquals(GREETING, in.readNBytes(GREETING.length));
            synchronized (accepted) {
                accepted.get(0).close();
            }
            assertEquals(-1, in.read());
        }
        assertEquals(200, lastTunnel().details().get("status"));
    }

    @Test
    void openTunnelsHoldNoThreads() throws Exception {
        List<Socket> tunnels = new ArrayList<>();
        long before = proxyThreads();
        try {
            for (int i = 0; i < 300; i++) { // all at once: no worker waits for a tunnel to open
                tunnels.add(proxy.connect("127.0.0.1:" + echo.getLocalPort(), new byte[0]));
            }
            for (Socket socket : tunnels) {
                HttpHead answer = HttpHead.read(socket.getInputStream());
                assertTrue(answer.startLine().startsWith("HTTP/1.1 200 "), answer.startLine());
                assertArrayEquals(GREETING, socket.getInputStream().readNBytes(GREETING.length));
            }
            // the workers that took the burst of CONNECTs (each for its admission only: 21 to 65 seen,
            // as the burst meets busy workers); a thread pair per tunnel would be 600
            long more = proxyThreads() - before;
            assertTrue(more < 150, more + " more proxy threads with 300 tunnels open");
            Socket last = tunnels.get(tunnels.size() - 1);
            last.getOutputStream().write('x');
            assertEquals('x', last.getInputStream().read());
        } finally {
            for (Socket socket : tunnels) {
                socket.close();
            }
        }
    }

    @Test
    void aHostThatCannotBeReachedGets502() throws Exception {
        int closed;
        try (ServerSocket unused = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = unused.getLocalPort();
        }
        try (Socket socket = proxy.connect("127.0.0.1:" + closed, new byte[0])) {
            HttpHead answer = HttpHead.read(socket.getInputStream());
            assertTrue(answer.startLine().startsWith("HTTP/1.1 502 "), answer.startLine());
        }
        assertEquals(502, lastTunnel().details().get("status"));
    }

    private static long proxyThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(thread -> thread.getName().startsWith("authsome-proxy"))
                .count();
    }

    /** A blind tunnel to the echo server, {@code early} sent with the CONNECT; its 200 read. */
    private Socket open(byte[] early) throws IOException {
        Socket socket = proxy.connect("127.0.0.1:" + echo.getLocalPort(), early);
        HttpHead answer = HttpHead.read(socket.getInputStream()); // unbuffered: nothing past the head is read
        assertTrue(answer != null && answer.startLine().startsWith("HTTP/1.1 200 "), String.valueOf(answer));
        return socket;
    }

    private AuditEvent lastTunnel() throws InterruptedException {
        AuditEvent event = proxy.lastEvent();
        assertEquals("tunnelled", event.details().get("mode"), event.toString());
        return event;
    }
}
