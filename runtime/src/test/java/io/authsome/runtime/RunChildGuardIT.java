package io.authsome.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A program behind {@code authsome run} cannot obtain a secret through authsome: nothing of
 * authsome's own is in its environment, and an authsome command it starts is refused (exit 4,
 * audited) what would reveal or change a secret, whatever home it names, while listing, metadata
 * and a nested run still work.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunChildGuardIT {
    private static final String KEY = "sk-guarded-4b1e9a7c3d-never-revealed";
    private static final String BIN = Authsome.DIST.resolve("bin/authsome").toAbsolutePath().toString();

    @TempDir
    static Path temp;
    Authsome authsome;

    @BeforeAll
    void setUp() throws Exception {
        authsome = new Authsome(temp.resolve("home"));
        Files.createDirectories(authsome.home());
        RunProxyIT.register(authsome, "echoapi", "api.authsome.test");
        Authsome.Run login = authsome.with("ECHOAPI_KEY", KEY).run("login", "echoapi");
        authsome.without("ECHOAPI_KEY");
        assertEquals(0, login.exitCode(), login.toString());
    }

    /** The exit code of each line of {@code commands}, run one after the other by a shell inside {@code authsome run}. */
    private Map<String, Integer> codesInsideRun(Authsome.Run[] holder, String... commands) throws IOException {
        StringBuilder script = new StringBuilder();
        for (int i = 0; i < commands.length; i++) {
            script.append(commands[i]).append("; echo \"code").append(i).append("=$?\"; ");
        }
        Authsome.Run run = authsome.run("run", "--", "sh", "-c", script.toString());
        holder[0] = run;
        assertEquals(0, run.exitCode(), run.toString());
        Map<String, Integer> codes = new LinkedHashMap<>();
        for (String line : run.out().split("\n")) {
            for (int i = 0; i < commands.length; i++) {
                if (line.startsWith("code" + i + "=")) {
                    codes.put(commands[i], Integer.parseInt(line.substring(line.indexOf('=') + 1)));
                }
            }
        }
        assertEquals(commands.length, codes.size(), run.toString());
        return codes;
    }

    @Test
    void aChildIsRefusedExportShowSecretAndLoginButMayListGetAndNestARun() throws Exception {
        String home = "--home '" + authsome.home() + "'";
        String export = BIN + " " + home + " export echoapi";
        String show = BIN + " " + home + " get echoapi --show-secret";
        String login = "printf 'sk-planted-by-the-child\\n' | " + BIN + " " + home + " login echoapi --connection planted";
        String elsewhere = BIN + " --home '" + temp.resolve("other-home") + "' export echoapi";
        String get = BIN + " " + home + " get echoapi";
        String list = BIN + " " + home + " --quiet list";
        String nested = BIN + " " + home + " run -- " + BIN + " " + home + " export echoapi";
        Authsome.Run[] run = new Authsome.Run[1];
        Map<String, Integer> codes = codesInsideRun(run, export, show, login, elsewhere, get, list, nested);
        assertEquals(4, codes.get(export), run[0].toString());
        assertEquals(4, codes.get(show), run[0].toString());
        assertEquals(4, codes.get(login), run[0].toString());
        assertEquals(4, codes.get(elsewhere), "another --home is no way around: " + run[0]);
        assertEquals(0, codes.get(get), run[0].toString());
        assertEquals(0, codes.get(list), run[0].toString());
        assertEquals(4, codes.get(nested), "a nested run starts, and its child is refused too: " + run[0]);
        assertFalse(run[0].out().contains(KEY), run[0].out());
        assertTrue(run[0].err().contains("'authsome export' is not allowed inside 'authsome run'"), run[0].err());
        assertTrue(run[0].err().contains("next:") && run[0].err().contains("in their own terminal"), run[0].err());
        assertEquals(3, authsome.run("get", "echoapi", "--connection", "planted").exitCode(),
                "the child's login stored nothing");

        List<JsonNode> refusals = events("not_allowed_in_run");
        assertEquals(4, refusals.size(), "export, get, login and the nested run's export (another home audits its own): "
                + refusals);
        assertEquals(List.of("export", "get", "login"), refusals.subList(0, 3).stream()
                .map(event -> event.path("command").asText()).toList());
        assertEquals("refused", refusals.get(0).path("outcome").asText());
    }

    @Test
    void outsideARunTheSameCommandsWork() {
        Authsome.Run show = authsome.run("get", "echoapi", "--field", "api_key", "--show-secret");
        assertEquals(0, show.exitCode(), show.toString());
        assertEquals(KEY, show.out().strip());
    }

    @Test
    void theChildEnvironmentHoldsNoVariableOfAuthsome() throws Exception {
        Process run = authsome.with("AUTHSOME_NO_DAEMON", "1").start("run", "--", "sh", "-c", "echo $$; sleep 30");
        authsome.without("AUTHSOME_NO_DAEMON");
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(run.getInputStream(), StandardCharsets.UTF_8));
            long pid = Long.parseLong(CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).get(20, TimeUnit.SECONDS).strip());
            String environ = Files.readString(Path.of("/proc", Long.toString(pid), "environ"), StandardCharsets.ISO_8859_1);
            assertTrue(environ.contains("HTTPS_PROXY="), "the environment was read: " + environ);
            assertFalse(environ.contains("AUTHSOME_"), "a variable of authsome reached the child: " + environ);
            assertFalse(environ.contains(authsome.home().toString() + "\0"), "the home reached the child: " + environ);
        } finally {
            run.descendants().forEach(ProcessHandle::destroyForcibly);
            run.destroyForcibly();
            run.waitFor(20, TimeUnit.SECONDS);
        }
    }

    private List<JsonNode> events(String name) throws IOException {
        List<JsonNode> events = new ArrayList<>();
        try (Stream<String> lines = Files.lines(authsome.home().resolve("audit.log"))) {
            for (String line : lines.toList()) {
                JsonNode event = RunProxyIT.JSON.readTree(line);
                if (event.path("event").asText().equals(name)) {
                    events.add(event);
                }
            }
        }
        return events;
    }
}
