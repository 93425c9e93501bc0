package io.authsome.proxy.internal;

import io.authsome.api.plugin.OutgoingRequest;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A request on its way to an API host as a credential injector sees it: the head the proxy will
 * send, and the body's length and hash once the proxy read it. Changes go to the head itself.
 * Not thread-safe.
 */
final class PluginRequest implements OutgoingRequest {
    private final HttpHead head;
    private final Exchange.Target target;
    private long contentLength;
    private String payloadSha256;

    PluginRequest(HttpHead head, Exchange.Target target, long contentLength) {
        this.head = head;
        this.target = target;
        this.contentLength = contentLength;
    }

    /** The body as it will be sent: read whole, of {@code length} bytes with {@code sha256}. */
    void payload(long length, String sha256) {
        this.contentLength = length;
        this.payloadSha256 = sha256;
    }

    @Override
    public String method() {
        return head.firstWord();
    }

    @Override
    public String host() {
        return target.host().toLowerCase(Locale.ROOT);
    }

    @Override
    public int port() {
        return target.port();
    }

    @Override
    public String rawPath() {
        String origin = target.originForm();
        int query = origin.indexOf('?');
        return query < 0 ? origin : origin.substring(0, query);
    }

    @Override
    public String rawQuery() {
        String origin = target.originForm();
        int query = origin.indexOf('?');
        return query < 0 ? "" : origin.substring(query + 1);
    }

    @Override
    public List<String> headerNames() {
        return head.names();
    }

    @Override
    public List<String> header(String name) {
        return head.values(name);
    }

    @Override
    public void setHeader(String name, String value) {
        if (name.isEmpty() || value.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)
                || name.chars().anyMatch(c -> c <= 0x20 || c == ':' || c >= 0x7f)) {
            // a line break would end the header and let the value write the rest of the request
            throw new IllegalArgumentException("an injector set a header with a control character");
        }
        head.set(name, value);
    }

    @Override
    public void removeHeader(String name) {
        head.remove(name);
    }

    @Override
    public long contentLength() {
        return contentLength;
    }

    @Override
    public String payloadSha256() {
        if (payloadSha256 == null) {
            throw new IllegalStateException("the body of this request is streamed unread: its injector did not ask"
                    + " for its hash");
        }
        return payloadSha256;
    }

    @Override
    public Instant now() {
        return Instant.now();
    }

    @Override
    public String toString() {
        return "PluginRequest[" + method() + " " + target + "]";
    }
}
