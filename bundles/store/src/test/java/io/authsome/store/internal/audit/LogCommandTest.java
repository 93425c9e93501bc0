package io.authsome.store.internal.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.audit.AuditEvent;
import io.authsome.api.command.CommandContext;
import io.authsome.api.command.CommandResult;
import io.authsome.api.command.Table;
import io.authsome.api.home.HomeLayout;
import io.authsome.common.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@Timeout(60)
class LogCommandTest {
    @TempDir
    Path home;

    private AuditLogComponent audit;

    @BeforeEach
    void events() {
        audit = new AuditLogComponent(new HomeLayout(home), AuditSettings.DEFAULT, System.err);
        audit.record(AuditEvent.of("register", null, "acme", null, "success"));
        for (int seq = 0; seq < 25; seq++) {
            audit.record(Events.numbered("a", seq));
        }
    }

    private LogCommand command(String... args) {
        LogCommand command = new LogCommand(audit);
        new CommandLine(command).parseArgs(args);
        return command;
    }

    /** A context answering the global options; a proxy, so methods the API gains later need no change here. */
    private CommandContext context(boolean json) {
        Map<String, Object> answers = Map.of("json", json, "quiet", false, "verbose", false, "profile", "default",
                "home", new HomeLayout(home), "diagnostics", System.err);
        return (CommandContext) Proxy.newProxyInstance(CommandContext.class.getClassLoader(),
                new Class<?>[] {CommandContext.class}, (proxy, method, args) -> {
                    if (!answers.containsKey(method.getName())) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    return answers.get(method.getName());
                });
    }

    @Test
    @SuppressWarnings("unchecked")
    void showsTheLast20EventsAsDataAndAsATable() throws Exception {
        CommandResult result = command().execute(context(false));
        List<Map<String, Object>> events = (List<Map<String, Object>>) ((Map<String, Object>) result.data()).get("events");
        assertEquals(20, events.size());
        assertEquals(24L, Events.seq(events.get(19)));
        Table table = (Table) result.blocks().get(0);
        assertEquals(List.of("TIME", "EVENT", "PROFILE", "PROVIDER", "CONNECTION", "OUTCOME"), table.columns());
        assertEquals(20, table.rows().size());
        assertEquals(List.of("export", "default", "github", "default", "success"), table.rows().get(0).subList(1, 6));
        assertEquals(0, result.exitCode());
    }

    @Test
    void nullsAreEmptyCells() throws Exception {
        CommandResult result = command("-n", "26").execute(context(false));
        Table table = (Table) result.blocks().get(0);
        assertEquals(Arrays.asList("register", "", "acme", "", "success"), table.rows().get(0).subList(1, 6));
        assertTrue(table.rows().get(0).get(0).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
    }

    @Test
    void aNegativeCountIsAUsageError() {
        AuthsomeException e = assertThrows(AuthsomeException.class, () -> command("-n", "-1").execute(context(false)));
        assertEquals(ErrorCode.USAGE, e.code());
    }

    @Test
    void followPrintsJsonLinesUntilInterrupted() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        AtomicReference<CommandResult> result = new AtomicReference<>();
        Thread follower = new Thread(() -> {
            try {
                result.set(command("-n", "2", "--follow").follow(true, print::println, Optional.empty()));
            } catch (AuthsomeException e) {
                throw new AssertionError(e);
            }
        });
        follower.setDaemon(true);
        follower.start();
        try {
            awaitLines(out, 2);
            audit.record(Events.numbered("a", 25));
            awaitLines(out, 3);
        } finally {
            follower.interrupt();
            follower.join(5000);
        }
        assertFalse(follower.isAlive());

        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(3, lines.size(), lines.toString());
        for (int i = 0; i < 3; i++) {
            assertEquals(23L + i, Events.seq(Json.parseObject(lines.get(i).getBytes(StandardCharsets.UTF_8))));
        }
        assertEquals(Map.of("followed", true), result.get().data());
        assertTrue(result.get().blocks().isEmpty());
    }

    private static void awaitLines(ByteArrayOutputStream out, int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        while (out.toString(StandardCharsets.UTF_8).lines().count() < count && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
    }

    @Test
    void followTextLinesAreAligned() {
        String line = LogCommand.line(Map.of("time", "2026-01-02T03:04:05.000Z", "event", "login",
                "provider", "github", "outcome", "success"), LogCommand.MEMBERS);
        assertEquals("2026-01-02T03:04:05.000Z  login" + " ".repeat(11) + " ".repeat(12) + "github"
                + " ".repeat(12) + " ".repeat(14) + "success", line);
    }
}
