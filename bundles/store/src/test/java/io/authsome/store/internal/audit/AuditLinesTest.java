package io.authsome.store.internal.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.authsome.api.audit.AuditEvent;
import io.authsome.api.home.HomeLayout;
import io.authsome.api.vault.ConnectionState;
import io.authsome.api.vault.Secret;
import io.authsome.common.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLinesTest {
    private static final String SECRET = "sk-live-5ec7e7-DO-NOT-LOG-4f1a";

    @TempDir
    Path home;

    @Test
    void eachLineIsOneJsonObjectWithTheFixedMembersFirstThenTheDetails() throws Exception {
        AuditFile file = new AuditFile(new HomeLayout(home).auditLog(), AuditSettings.DEFAULT);
        AuditEvent login = AuditEvent.of("login", "work", "github", "default", AuditEvent.SUCCESS)
                .with("flow", "pkce").with("count", 3).with("state", ConnectionState.CONNECTED);
        file.append(AuditLines.format(login, Instant.parse("2026-01-02T03:04:05Z")));
        file.append(AuditLines.format(AuditEvent.of("register", null, "acme", null, AuditEvent.FAILURE),
                Instant.parse("2026-01-02T03:04:05.678Z")));

        List<String> lines = Files.readAllLines(home.resolve("audit.log"));
        assertEquals(2, lines.size());
        Map<String, Object> first = Json.parseObject(lines.get(0).getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("time", "event", "profile", "provider", "connection", "outcome", "pid", "count", "flow",
                "state"), List.copyOf(first.keySet()));
        assertEquals("2026-01-02T03:04:05.000Z", first.get("time"));
        assertEquals("login", first.get("event"));
        assertEquals("work", first.get("profile"));
        assertEquals("github", first.get("provider"));
        assertEquals("default", first.get("connection"));
        assertEquals("success", first.get("outcome"));
        assertEquals(ProcessHandle.current().pid(), first.get("pid"));
        assertEquals(3L, first.get("count"));
        assertEquals("pkce", first.get("flow"));
        assertEquals("connected", first.get("state"));

        Map<String, Object> second = Json.parseObject(lines.get(1).getBytes(StandardCharsets.UTF_8));
        assertEquals("2026-01-02T03:04:05.678Z", second.get("time"));
        assertTrue(second.containsKey("profile"));
        assertNull(second.get("profile"));
        assertNull(second.get("connection"));
        assertEquals("failure", second.get("outcome"));
    }

    @Test
    void aDetailCannotOverrideAFixedMember() throws Exception {
        AuditEvent forged = AuditEvent.of("login", "default", "github", "default", AuditEvent.SUCCESS)
                .with("event", "nothing").with("pid", 1).with("time", "1970").with("outcome", "failure")
                .with("reason", "kept");
        Map<String, Object> line = Json.parseObject(AuditLines.format(forged, Instant.EPOCH));
        assertEquals("login", line.get("event"));
        assertEquals(ProcessHandle.current().pid(), line.get("pid"));
        assertEquals("1970-01-01T00:00:00.000Z", line.get("time"));
        assertEquals("success", line.get("outcome"));
        assertEquals("kept", line.get("reason"));
        assertEquals(8, line.size());
    }

    @Test
    void aSecretDetailIsRedactedAndItsValueNeverReachesTheFile() throws Exception {
        AuditFile file = new AuditFile(home.resolve("audit.log"), AuditSettings.DEFAULT);
        AuditEvent event = AuditEvent.of("get_secret", "default", "openai", "default", AuditEvent.SUCCESS)
                .with("value", Secret.of(SECRET))
                .with("nested", Map.of("token", Secret.of(SECRET)))
                .with("list", List.of(Secret.of(SECRET), "plain"))
                .with("chars", SECRET.toCharArray());
        file.append(AuditLines.format(event, Instant.now()));

        byte[] bytes = Files.readAllBytes(home.resolve("audit.log"));
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertFalse(text.contains(SECRET), text);
        assertFalse(text.contains(SECRET.substring(8, 20)), text);
        Map<String, Object> line = Json.parseObject(bytes);
        assertEquals("[redacted]", line.get("value"));
        assertEquals(Map.of("token", "[redacted]"), line.get("nested"));
        assertEquals(List.of("[redacted]", "plain"), line.get("list"));
        assertEquals("[redacted]", line.get("chars"));
    }

    @Test
    void valuesJsonCannotWriteBecomeStrings() throws Exception {
        AuditEvent event = AuditEvent.of("scan_import", "default", null, null, AuditEvent.SUCCESS)
                .with("at", Instant.parse("2026-01-02T03:04:05Z")).with("file", Path.of("/tmp/.env"))
                .with("ratio", Double.NaN).with("text", "line\nbreak \"quoted\" \\ tab\t");
        byte[] line = AuditLines.format(event, Instant.now());
        assertEquals(1, new String(line, StandardCharsets.UTF_8).split("\n", -1).length - 1, "one newline, at the end");
        Map<String, Object> parsed = Json.parseObject(line);
        assertEquals("2026-01-02T03:04:05Z", parsed.get("at"));
        assertEquals("/tmp/.env", parsed.get("file"));
        assertEquals("NaN", parsed.get("ratio"));
        assertEquals("line\nbreak \"quoted\" \\ tab\t", parsed.get("text"));
    }
}
