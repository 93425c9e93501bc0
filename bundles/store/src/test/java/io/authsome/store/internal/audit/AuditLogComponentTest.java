package io.authsome.store.internal.audit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.authsome.api.audit.AuditEvent;
import io.authsome.api.home.HomeLayout;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogComponentTest {
    @TempDir
    Path temp;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private AuditLogComponent log(Path home) {
        return new AuditLogComponent(new HomeLayout(home), AuditSettings.DEFAULT,
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void recordOnAnUnwritableHomeDoesNotThrowAndWarnsOnce() throws Exception {
        Path blocker = Files.writeString(temp.resolve("a-file"), "x"); // works as root too, unlike chmod
        AuditLogComponent log = log(blocker.resolve("home"));
        assertDoesNotThrow(() -> log.record(AuditEvent.of("login", "default", "github", "default", "success")));
        assertDoesNotThrow(() -> log.record(AuditEvent.of("logout", "default", "github", "default", "success")));
        List<String> lines = err.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("warning: audit log not writable: "), lines.get(0));
        assertTrue(lines.get(0).contains(blocker.toString()), "names the path: " + lines.get(0));
        assertEquals(List.of(), log.tail(5));
    }

    @Test
    void recordThenTail() {
        AuditLogComponent log = log(temp);
        log.record(AuditEvent.of("register", null, "acme", null, "success").with("path", "/x/acme.json"));
        List<Map<String, Object>> events = log.tail(1);
        assertEquals(1, events.size());
        assertEquals("register", events.get(0).get("event"));
        assertEquals("/x/acme.json", events.get(0).get("path"));
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    /** A figure, not a test of speed: how long record() takes on one thread, with the default settings. */
    @Test
    @Tag("perf")
    void measureRecord() {
        AuditLogComponent log = log(temp);
        AuditEvent event = AuditEvent.of("proxy_request", "default", "github", "default", "success")
                .with("method", "GET").with("host", "api.github.com").with("status", 200);
        for (int i = 0; i < 2_000; i++) { // warm up
            log.record(event);
        }
        int count = 10_000;
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            log.record(event);
        }
        long elapsed = System.nanoTime() - start;
        start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            AuditLines.format(event, Instant.now());
        }
        long formatting = System.nanoTime() - start;
        System.out.printf("audit: %d record() calls on one thread took %.1f ms (%.1f us each, of which"
                + " %.1f us building the line)%n", count, elapsed / 1e6, elapsed / 1e3 / count,
                formatting / 1e3 / count);
        assertEquals(12_000, log.tail(20_000).size());
    }
}
