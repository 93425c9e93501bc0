package io.authsome.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.SSLContext;

/**
 * An HTTPS API on loopback that takes only requests signed as the generated provider bundle signs
 * them: {@code X-Signature} is hex(HMAC-SHA256(secret, method + "\n" + path + "\n" + timestamp))
 * with {@code X-Timestamp} within five minutes and {@code X-Key-Id} the expected key. It answers
 * 200 to those and 403 to any other.
 */
final class HmacApi implements AutoCloseable {
    private final HttpsServer server;
    private final String keyId;
    private final byte[] secret;
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();

    private HmacApi(HttpsServer server, String keyId, String secret) {
        this.server = server;
        this.keyId = keyId;
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    static HmacApi start(SSLContext tls, String keyId, String secret) throws IOException {
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        HmacApi api = new HmacApi(server, keyId, secret);
        server.createContext("/", api::handle);
        server.start();
        return api;
    }

    int port() {
        return server.getAddress().getPort();
    }

    int accepted() {
        return accepted.get();
    }

    int refused() {
        return refused.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        boolean valid = verifies(exchange);
        (valid ? accepted : refused).incrementAndGet();
        byte[] body = (valid ? "signed by " + keyId : "bad or missing signature").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(valid ? 200 : 403, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private boolean verifies(HttpExchange exchange) {
        String timestamp = exchange.getRequestHeaders().getFirst("X-Timestamp");
        String signature = exchange.getRequestHeaders().getFirst("X-Signature");
        if (timestamp == null || signature == null || !keyId.equals(exchange.getRequestHeaders().getFirst("X-Key-Id"))) {
            return false;
        }
        try {
            if (Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(timestamp)) > 300) {
                return false;
            }
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] expected = mac.doFinal((exchange.getRequestMethod() + "\n" + exchange.getRequestURI().getRawPath()
                    + "\n" + timestamp).getBytes(StandardCharsets.UTF_8));
            return MessageDigest.isEqual(expected, HexFormat.of().parseHex(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
