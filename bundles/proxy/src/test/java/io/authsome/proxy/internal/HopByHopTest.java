package io.authsome.proxy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class HopByHopTest {
    private static HttpHead head() {
        HttpHead head = new HttpHead("GET / HTTP/1.1");
        head.add("Host", "api.example.test");
        head.add("Connection", "keep-alive, X-Private");
        head.add("X-Private", "only for the next hop");
        head.add("Keep-Alive", "timeout=5");
        head.add("Proxy-Authorization", "Basic c2VjcmV0");
        head.add("TE", "trailers");
        head.add("Accept", "application/json");
        return head;
    }

    @Test
    void theConnectionsOwnFieldsAndThoseItNamesAreRemovedAndTheRestStays() {
        HttpHead head = head();
        HopByHop.strip(head);
        for (String field : new String[] {"Connection", "X-Private", "Keep-Alive", "Proxy-Authorization", "TE"}) {
            assertNull(head.get(field), field);
        }
        assertEquals("api.example.test", head.get("Host"));
        assertEquals("application/json", head.get("Accept"));
    }

    @Test
    void anUpgradeKeepsItsOwnTwoFields() {
        HttpHead head = head();
        head.add("Upgrade", "websocket");
        HopByHop.stripForUpgrade(head, head.get("Upgrade"));
        assertEquals("Upgrade", head.get("Connection"));
        assertEquals("websocket", head.get("Upgrade"));
        assertNull(head.get("Proxy-Authorization"));
        assertNull(head.get("X-Private"));
    }
}
