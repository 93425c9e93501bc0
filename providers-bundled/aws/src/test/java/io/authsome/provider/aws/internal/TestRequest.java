package io.authsome.provider.aws.internal;

import io.authsome.api.plugin.OutgoingRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/** An {@link OutgoingRequest} as the proxy would pass it, with a body held in memory. */
final class TestRequest implements OutgoingRequest {
    private final String method;
    private final String host;
    private final int port;
    private final String rawPath;
    private final String rawQuery;
    private final List<String[]> headers = new ArrayList<>();
    private byte[] body = new byte[0];
    private boolean hashed = true;
    private Instant now = Instant.parse("2026-12-02T22:30:00Z");

    TestRequest(String method, String host, int port, String rawPath, String rawQuery) {
        this.method = method;
        this.host = host;
        this.port = port;
        this.rawPath = rawPath;
        this.rawQuery = rawQuery;
    }

    /** A request to {@code host} on port 443, with its Host field. */
    static TestRequest to(String method, String host, String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        TestRequest request = new TestRequest(method, host, 443, q < 0 ? pathAndQuery : pathAndQuery.substring(0, q),
                q < 0 ? "" : pathAndQuery.substring(q + 1));
        return request.add("Host", host);
    }

    TestRequest add(String name, String value) {
        headers.add(new String[] {name, value});
        return this;
    }

    TestRequest body(String text) {
        body = text.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    TestRequest at(Instant time) {
        now = time;
        return this;
    }

    /** The proxy streams the body unread: {@link #payloadSha256()} fails, as the SPI says. */
    TestRequest unhashed() {
        hashed = false;
        return this;
    }

    /** The header fields in order, for botocore. */
    List<String[]> fields() {
        return headers;
    }

    byte[] bodyBytes() {
        return body;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String rawPath() {
        return rawPath;
    }

    @Override
    public String rawQuery() {
        return rawQuery;
    }

    @Override
    public List<String> headerNames() {
        List<String> names = new ArrayList<>();
        for (String[] field : headers) {
            if (names.stream().noneMatch(name -> name.equalsIgnoreCase(field[0]))) {
                names.add(field[0]);
            }
        }
        return names;
    }

    @Override
    public List<String> header(String name) {
        return headers.stream().filter(field -> field[0].equalsIgnoreCase(name)).map(field -> field[1]).toList();
    }

    @Override
    public void setHeader(String name, String value) {
        int at = -1;
        for (int i = 0; i < headers.size(); i++) {
            if (headers.get(i)[0].equalsIgnoreCase(name)) {
                at = at < 0 ? i : at;
            }
        }
        removeHeader(name);
        headers.add(at < 0 ? headers.size() : at, new String[] {name, value});
    }

    @Override
    public void removeHeader(String name) {
        headers.removeIf(field -> field[0].equalsIgnoreCase(name));
    }

    @Override
    public long contentLength() {
        return body.length;
    }

    @Override
    public String payloadSha256() {
        if (!hashed) {
            throw new IllegalStateException("the body is streamed unread");
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public Instant now() {
        return now;
    }

    @Override
    public String toString() {
        return method + " " + host + rawPath + (rawQuery.isEmpty() ? "" : "?" + rawQuery) + " "
                + headers.stream().map(f -> f[0].toLowerCase(Locale.ROOT)).toList();
    }
}
