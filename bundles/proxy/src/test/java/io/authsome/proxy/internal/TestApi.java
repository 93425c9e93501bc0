package io.authsome.proxy.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.util.HexFormat;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The "real API" of the proxy tests: an HTTP/1.1 server on 127.0.0.1, over TLS with a certificate
 * of a CA of the tests' own (made with the proxy's {@link CertificateAuthority}, unknown to any
 * trust store) or in plain HTTP, keeping connections alive. It answers every request with the
 * {@code Authorization} it got ({@code none} without one); {@code /slow} waits for
 * {@link #release()} first; {@code /bare-lf} is answered with lines that end in LF alone; {@code /big} with
 * {@link #BIG}; {@code /echo} with the size, framing and SHA-256 of the body it got; {@code /events} with
 * {@link #EVENTS} server-sent events, {@link #EVENT_INTERVAL_MILLIS} apart. It
 * counts the requests and connections it gets.
 */
final class TestApi implements AutoCloseable {
    /** The body of {@code /big}: more than the socket buffers on both legs hold. */
    static final byte[] BIG = new byte[32 * 1024 * 1024];
    /** {@code /events}: this many server-sent events, each flushed, this far apart. */
    static final int EVENTS = 3;
    static final long EVENT_INTERVAL_MILLIS = 400;

    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "test-api");
        thread.setDaemon(true);
        return thread;
    });
    private final CountDownLatch slow = new CountDownLatch(1);
    final CountDownLatch slowArrived = new CountDownLatch(1);
    /** How many requests arrived. */
    final java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();
    /** How many connections were accepted, and how many of them have ended. */
    final java.util.concurrent.atomic.AtomicInteger connections = new java.util.concurrent.atomic.AtomicInteger();
    final java.util.concurrent.atomic.AtomicInteger ended = new java.util.concurrent.atomic.AtomicInteger();
    /** The creation time of each TLS connection's session: a resumed session keeps its first one. */
    final java.util.List<Long> sessions = new java.util.concurrent.CopyOnWriteArrayList<>();

    private TestApi(ServerSocket server) {
        this.server = server;
        threads.execute(this::accept);
    }

    /** An HTTPS server for {@code host}, its certificate signed by the CA in {@code caDirectory} (made if missing). */
    static TestApi tls(Path caDirectory, String host) throws Exception {
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(caDirectory);
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("leaf", ca.leafKey(), new char[0], new Certificate[] {ca.leaf(host), ca.certificate()});
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, new char[0]);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(factory.getKeyManagers(), null, null);
        ServerSocket server = context.getServerSocketFactory().createServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return new TestApi(server);
    }

    /** A plain HTTP server. */
    static TestApi plain() throws IOException {
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return new TestApi(server);
    }

    int port() {
        return server.getLocalPort();
    }

    /** Lets the requests for {@code /slow} be answered. */
    void release() {
        slow.countDown();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.incrementAndGet();
                threads.execute(() -> {
                    serve(socket);
                    ended.incrementAndGet();
                });
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            if (socket instanceof javax.net.ssl.SSLSocket tls) {
                sessions.add(tls.getSession().getCreationTime());
            }
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = new BufferedOutputStream(socket.getOutputStream());
            for (HttpHead request = HttpHead.read(in); request != null; request = HttpHead.read(in)) {
                requests.incrementAndGet();
                String framing = request.get("Transfer-Encoding") != null ? "chunked"
                        : request.get("Content-Length") != null ? "length" : "none";
                ByteArrayOutputStream received = new ByteArrayOutputStream();
                MessageBody.ofRequest(request).decode(in, received);
                if (request.startLine().split(" ")[1].equals("/echo")) {
                    byte[] body = ("received=" + received.size() + " framing=" + framing + " sha256="
                            + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(received.toByteArray())))
                            .getBytes(StandardCharsets.UTF_8);
                    out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + body.length + "\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
                    out.write(body);
                    out.flush();
                    continue;
                }
                if (request.startLine().split(" ")[1].equals("/slow")) {
                    slowArrived.countDown();
                    slow.await(30, TimeUnit.SECONDS);
                }
                if (request.startLine().split(" ")[1].equals("/big")) {
                    out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + BIG.length + "\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
                    out.write(BIG);
                    out.flush();
                    continue;
                }
                if (request.startLine().split(" ")[1].equals("/events")) {
                    out.write("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
                            .getBytes(StandardCharsets.ISO_8859_1));
                    for (int i = 1; i <= EVENTS; i++) {
                        byte[] event = ("data: " + i + "\n\n").getBytes(StandardCharsets.ISO_8859_1);
                        out.write((Integer.toHexString(event.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                        out.write(event);
                        out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                        out.flush();
                        Thread.sleep(EVENT_INTERVAL_MILLIS);
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    continue;
                }
                if (request.startLine().split(" ")[1].equals("/bare-lf")) {
                    out.write("HTTP/1.1 200 OK\nContent-Length: 2\n\nok".getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    continue;
                }
                String authorization = request.get("Authorization");
                byte[] body = ("authorization=" + (authorization == null ? "none" : authorization))
                        .getBytes(StandardCharsets.UTF_8);
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + body.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.write(body);
                out.flush();
            }
        } catch (IOException | InterruptedException | NoSuchAlgorithmException e) {
            // The client went away.
        }
    }

    @Override
    public void close() throws IOException {
        slow.countDown();
        server.close();
        threads.shutdownNow();
    }
}
