package io.authsome.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;

/**
 * The "real API" of the proxy tests: an HTTPS/1.1 server on 127.0.0.1 with a certificate of the
 * tests' own CA, keeping connections alive. Paths:
 * <ul>
 * <li>{@code /bytes?n=N}: N bytes with a Content-Length;</li>
 * <li>{@code /sse?events=E&interval_ms=I}: a chunked server-sent events stream, one event every I ms;</li>
 * <li>{@code /protected}: 401 while the Authorization is the first one it saw, 200 once it changes;</li>
 * <li>{@code /scoped}: 403 with an RFC 6750 {@code insufficient_scope} challenge for {@code repo admin:org};</li>
 * <li>{@code /ws}: a WebSocket echo, whose handshake answer shows the Authorization it got;</li>
 * <li>anything else: the request as JSON (method, path, headers, body length).</li>
 * </ul>
 */
final class ApiServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WEBSOCKET_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "api-server");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicReference<String> rejected = new AtomicReference<>();
    private final AtomicInteger connections = new AtomicInteger();

    private ApiServer(ServerSocket server) {
        this.server = server;
    }

    static ApiServer start(SSLContext tls) throws IOException {
        ServerSocket server = tls.getServerSocketFactory().createServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        ApiServer api = new ApiServer(server);
        api.threads.execute(api::accept);
        return api;
    }

    int port() {
        return server.getLocalPort();
    }

    /** How many connections were accepted so far. */
    int connections() {
        return connections.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.incrementAndGet();
                threads.execute(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = new BufferedOutputStream(socket.getOutputStream());
            while (true) {
                String requestLine = line(in);
                if (requestLine == null) {
                    return;
                }
                Map<String, String> headers = new LinkedHashMap<>();
                for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
                    int colon = header.indexOf(':');
                    headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
                }
                byte[] body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
                String[] parts = requestLine.split(" ");
                URI uri = URI.create(parts[1]);
                if (!respond(parts[0], uri, headers, body, in, out)) {
                    return;
                }
            }
        } catch (IOException | InterruptedException e) {
            // The client went away.
        }
    }

    /** Answers one request; whether the connection stays open. */
    private boolean respond(String method, URI uri, Map<String, String> headers, byte[] body, InputStream in,
                            OutputStream out) throws IOException, InterruptedException {
        Map<String, String> query = query(uri);
        switch (uri.getPath()) {
            case "/bytes" -> {
                int n = Integer.parseInt(query.getOrDefault("n", "0"));
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: " + n + "\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                byte[] block = new byte[64 * 1024];
                for (int i = 0; i < block.length; i++) {
                    block[i] = (byte) (i % 251);
                }
                for (int left = n; left > 0; left -= Math.min(left, block.length)) {
                    out.write(block, 0, Math.min(left, block.length));
                }
                out.flush();
                return true;
            }
            case "/sse" -> {
                int events = Integer.parseInt(query.getOrDefault("events", "3"));
                long interval = Long.parseLong(query.getOrDefault("interval_ms", "500"));
                out.write("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\nTransfer-Encoding: chunked\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
                for (int i = 1; i <= events; i++) {
                    if (i > 1) {
                        Thread.sleep(interval);
                    }
                    byte[] event = ("data: event " + i + " at " + System.currentTimeMillis() + "\n\n").getBytes(StandardCharsets.UTF_8);
                    out.write((Integer.toHexString(event.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.write(event);
                    out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                return true;
            }
            case "/protected" -> {
                String authorization = headers.getOrDefault("authorization", "");
                rejected.compareAndSet(null, authorization);
                if (authorization.equals(rejected.get())) {
                    byte[] error = "{\"error\":\"invalid_token\"}".getBytes(StandardCharsets.UTF_8);
                    out.write(("HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Bearer error=\"invalid_token\"\r\n"
                            + "Content-Type: application/json\r\nContent-Length: " + error.length + "\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
                    out.write(error);
                    out.flush();
                    return true;
                }
                return echo(method, uri, headers, body, out);
            }
            case "/scoped" -> {
                byte[] error = "{\"message\":\"insufficient scope\"}".getBytes(StandardCharsets.UTF_8);
                out.write(("HTTP/1.1 403 Forbidden\r\nWWW-Authenticate: Bearer error=\"insufficient_scope\","
                        + " scope=\"repo admin:org\"\r\nContent-Type: application/json\r\nContent-Length: " + error.length
                        + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(error);
                out.flush();
                return true;
            }
            case "/ws" -> {
                webSocket(headers, in, out);
                return false;
            }
            default -> {
                return echo(method, uri, headers, body, out);
            }
        }
    }

    private static boolean echo(String method, URI uri, Map<String, String> headers, byte[] body, OutputStream out)
            throws IOException {
        Map<String, Object> seen = new LinkedHashMap<>();
        seen.put("method", method);
        seen.put("path", uri.getRawPath());
        seen.put("headers", headers);
        seen.put("body_length", body.length);
        byte[] json = JSON.writeValueAsBytes(seen);
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + json.length + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.write(json);
        out.flush();
        return true;
    }

    private static void webSocket(Map<String, String> headers, InputStream in, OutputStream out) throws IOException {
        String accept;
        try {
            accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1").digest(
                    (headers.get("sec-websocket-key") + WEBSOCKET_GUID).getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + accept + "\r\nX-Seen-Authorization: " + headers.getOrDefault("authorization", "")
                + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        DataInputStream frames = new DataInputStream(in);
        while (true) {
            int first = frames.readUnsignedByte();
            int second = frames.readUnsignedByte();
            long length = second & 0x7f;
            if (length == 126) {
                length = frames.readUnsignedShort();
            } else if (length == 127) {
                length = frames.readLong();
            }
            byte[] mask = new byte[4];
            if ((second & 0x80) != 0) {
                frames.readFully(mask);
            }
            byte[] payload = new byte[(int) length];
            frames.readFully(payload);
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i % 4];
            }
            out.write(frame(first, payload));
            out.flush();
            if ((first & 0x0f) == 8) {
                return;
            }
        }
    }

    /** An unmasked frame with the first byte {@code first} (FIN and opcode), payload under 64 KiB. */
    static byte[] frame(int first, byte[] payload) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(first);
        if (payload.length < 126) {
            frame.write(payload.length);
        } else {
            frame.write(126);
            frame.write(payload.length >> 8);
            frame.write(payload.length & 0xff);
        }
        frame.writeBytes(payload);
        return frame.toByteArray();
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> query = new LinkedHashMap<>();
        if (uri.getQuery() != null) {
            for (String pair : uri.getQuery().split("&")) {
                int equals = pair.indexOf('=');
                query.put(equals < 0 ? pair : pair.substring(0, equals), equals < 0 ? "" : pair.substring(equals + 1));
            }
        }
        return query;
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }
}
