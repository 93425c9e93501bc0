package io.authsome.proxy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The warm-up prepares the routed hosts' leaves and really runs TLS: a handshake, then records both ways. */
class WarmupTest {
    @TempDir
    Path ca;

    @Test
    void aHandshakeAndRecordsGoThroughAndTheLeafIsKept() throws Exception {
        Warmup warmup = new Warmup(new InterceptTls(CertificateAuthority.loadOrCreate(ca)), List.of("api.example.test"));

        long decrypted = warmup.warm();

        assertTrue(decrypted >= 16 * 1024, "records were decrypted, so the handshake completed: " + decrypted);
        try (Stream<Path> leaves = Files.walk(ca.resolve(LeafStore.FOLDER))) {
            assertTrue(leaves.anyMatch(file -> file.getFileName().toString().equals("api.example.test.pem")));
        }
    }

    @Test
    void withoutARoutedHostOnlyTheParserIsWarmed() throws Exception {
        assertEquals(0, new Warmup(new InterceptTls(CertificateAuthority.loadOrCreate(ca)), List.of()).warm());
    }

    @Test
    void aStoppedWarmUpDoesNothingMore() throws Exception {
        Warmup warmup = new Warmup(new InterceptTls(CertificateAuthority.loadOrCreate(ca)), List.of("api.example.test"));
        warmup.stop();

        assertEquals(0, warmup.warm());
        assertTrue(!Files.exists(ca.resolve(LeafStore.FOLDER)), "no leaf was minted after the proxy closed");
    }
}
