package io.authsome.proxy.internal;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.hc.core5.http.HttpMessage;

/**
 * The fields that concern one connection only (RFC 9110 section 7.6.1): removed from a message
 * before it goes on to the other side, with those the message's own {@code Connection} field
 * names. A protocol upgrade keeps its {@code Connection: Upgrade} and {@code Upgrade}.
 */
final class HopByHop {
    private static final List<String> FIELDS = List.of("Connection", "Keep-Alive", "Proxy-Connection",
            "Proxy-Authorization", "Proxy-Authenticate", "TE", "Trailer", "Upgrade");

    /** The fields of an HTTP/1.1 message that HTTP/2 does not carry (RFC 9113 8.2.2), in lower case. */
    private static final Set<String> NOT_IN_HTTP2 = Set.of("connection", "keep-alive", "proxy-connection",
            "transfer-encoding", "upgrade", "te");

    private HopByHop() {
    }

    /**
     * Copies the fields of {@code head} to {@code message}, an HTTP/2 one, but those HTTP/2 does
     * not carry and {@code dropped} (one HTTP/2 has elsewhere, such as {@code Host}), in lower
     * case as HTTP/2 writes them.
     */
    static void copyToHttp2(HttpHead head, HttpMessage message, String dropped) {
        for (String name : head.names()) {
            String lower = name.toLowerCase(Locale.ROOT); // one lookup a field, on every request
            if (!name.equalsIgnoreCase(dropped) && !NOT_IN_HTTP2.contains(lower)) {
                for (String value : head.values(name)) {
                    message.addHeader(lower, value);
                }
            }
        }
    }

    /** Removes the hop-by-hop fields of {@code head}. */
    static void strip(HttpHead head) {
        for (String named : head.tokens("Connection")) {
            head.remove(named);
        }
        FIELDS.forEach(head::remove);
    }

    /** Removes them, then asks the next hop to upgrade to {@code protocol} (none: {@code null}) as the message did. */
    static void stripForUpgrade(HttpHead head, String protocol) {
        strip(head);
        head.add("Connection", "Upgrade");
        if (protocol != null) {
            head.add("Upgrade", protocol);
        }
    }
}
