package io.authsome.proxy.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;

/**
 * Where the answer to one request of a client goes: its HTTP/1.1 connection ({@link Http1Reply})
 * or its HTTP/2 stream ({@link H2Stream}). Answers are given as HTTP/1.1 heads, as the API sends
 * them and as the proxy makes its own; the reply writes them in its protocol.
 */
interface ClientReply {
    /** An interim answer: a 1xx other than 101. */
    void interim(HttpHead head) throws IOException;

    /** A whole answer: {@code head} and the {@code body} it frames. */
    void send(HttpHead head, byte[] body) throws IOException;

    /**
     * An answer whose body streams from {@code in} as {@code body} frames it, flushed whenever
     * {@code in} has nothing more buffered.
     *
     * @return the number of body bytes
     */
    long stream(HttpHead head, MessageBody body, InputStream in) throws IOException;

    /**
     * Answers 101 with {@code head} and relays bytes both ways between the client ({@code clientIn}
     * and this reply) and {@code link} until both sides end. Only an HTTP/1.1 connection upgrades:
     * an HTTP/2 request carries no {@code Upgrade} (its conformance check refuses one).
     */
    Pump.Totals upgrade(HttpHead head, InputStream clientIn, UpstreamLink link, ExecutorService threads)
            throws IOException;

    /** An answer made by the proxy: {@code status} with {@code text}; {@code close}: the connection closes after it. */
    default void answer(int status, String reason, String text, boolean close) throws IOException {
        byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
        HttpHead head = new HttpHead("HTTP/1.1 " + status + " " + reason);
        head.add("Content-Type", "text/plain; charset=utf-8");
        head.add("Content-Length", Integer.toString(body.length));
        head.add("X-Authsome-Proxy", "error");
        if (status == 407) {
            head.add("Proxy-Authenticate", "Basic realm=\"authsome\"");
        }
        if (close) {
            head.add("Connection", "close");
        }
        send(head, body);
    }
}
