package io.authsome.proxy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code proxy.http2} false the proxy speaks HTTP/1.1 only: to a client that offers HTTP/2,
 * and to an API that would choose it (Node's own HTTP/2 server).
 */
class Http2OffTest {
    @RegisterExtension
    final TestProxy proxy = new TestProxy().withoutHttp2();
    @TempDir
    Path temp;

    @Test
    void aClientThatOffersHttp2GetsHttp11() throws Exception {
        String got = proxy.curl(new byte[0], "--http2", "-o", "/dev/null", "-w", "%{http_version} %{http_code}",
                "https://" + TestProxy.API + ":" + proxy.api.port() + "/hello");
        assertEquals("1.1 200", got);
    }

    @Test
    void anApiThatSpeaksHttp2IsReachedOverHttp11() throws Exception {
        try (NodeH2Api api = NodeH2Api.start(proxy, temp)) {
            for (int i = 0; i < 2; i++) {
                String answer = proxy.curl(new byte[0], "--http2", api.url("/hello"));
                assertTrue(answer.contains("\"protocol\":\"1.1\""), answer);
                assertTrue(answer.contains("\"authorization\":\"Bearer " + TestProxy.KEY + "\""), answer);
            }
        }
    }
}
