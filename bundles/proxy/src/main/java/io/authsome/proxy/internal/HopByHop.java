package io.authsome.proxy.internal;

import java.util.List;

/**
 * The fields that concern one connection only (RFC 9110 section 7.6.1): removed from a message
 * before it goes on to the other side, with those the message's own {@code Connection} field
 * names. A protocol upgrade keeps its {@code Connection: Upgrade} and {@code Upgrade}.
 */
final class HopByHop {
    private static final List<String> FIELDS = List.of("Connection", "Keep-Alive", "Proxy-Connection",
            "Proxy-Authorization", "Proxy-Authenticate", "TE", "Trailer", "Upgrade");

    private HopByHop() {
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
