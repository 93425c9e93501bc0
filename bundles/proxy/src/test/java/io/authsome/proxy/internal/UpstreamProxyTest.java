package io.authsome.proxy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class UpstreamProxyTest {
    @Test
    void theProxyUrlGivesHostPortAndBasicCredentials() {
        UpstreamProxy proxy = UpstreamProxy.fromEnvironment(Map.of("HTTPS_PROXY", "http://me%40corp:p%3Ass@proxy.corp:3128",
                "NO_PROXY", "internal.corp, .example.com,localhost"));
        assertEquals("proxy.corp", proxy.host());
        assertEquals(3128, proxy.port());
        assertEquals("Basic " + java.util.Base64.getEncoder().encodeToString("me@corp:p:ss".getBytes()), proxy.authorization());
        assertFalse(proxy.toString().contains("p:ss"), proxy.toString());
        assertTrue(proxy.bypasses("internal.corp"));
        assertTrue(proxy.bypasses("api.internal.corp"));
        assertTrue(proxy.bypasses("example.com"));
        assertTrue(proxy.bypasses("www.example.com"));
        assertFalse(proxy.bypasses("api.github.com"));
        assertFalse(proxy.bypasses("notinternal.corp"));
    }

    @Test
    void lowerCaseWinsAndNoneMeansDirect() {
        assertEquals("low", UpstreamProxy.fromEnvironment(Map.of("https_proxy", "low:1", "HTTPS_PROXY", "up:2")).host());
        assertEquals(80, UpstreamProxy.fromEnvironment(Map.of("HTTP_PROXY", "http://plain")).port());
        assertNull(UpstreamProxy.fromEnvironment(Map.of()));
        assertTrue(UpstreamProxy.fromEnvironment(Map.of("HTTPS_PROXY", "p:1", "NO_PROXY", "*")).bypasses("anything"));
        assertThrows(IllegalArgumentException.class, () -> UpstreamProxy.fromEnvironment(Map.of("HTTPS_PROXY", "http://")));
    }
}
