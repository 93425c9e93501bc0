package io.authsome.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScriptRunnerTest {
    private final List<List<String>> ran = new ArrayList<>();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Terminal io = new Terminal(new ByteArrayInputStream(new byte[0]), System.out,
            new PrintStream(err, true, StandardCharsets.UTF_8), false, Map.of(), Path.of("/"), Map.of(),
            LocalPerson.INSTANCE);

    /** Fails with the code given for the command name, 0 otherwise. */
    private ScriptRunner runner(Map<String, Integer> failures, List<String> inherited, boolean keepGoing) {
        return new ScriptRunner(args -> {
            ran.add(List.of(args));
            return failures.getOrDefault(args[inherited.size()], 0);
        }, inherited, keepGoing, io);
    }

    private int run(ScriptRunner runner, String script) throws Exception {
        return runner.run(new BufferedReader(new StringReader(script)), "test");
    }

    @Test
    void exitOrQuitEndsTheScriptAsItLeavesTheConsole() throws Exception {
        assertEquals(0, run(runner(Map.of(), List.of(), false), "list\nexit\nlogin github\n"));
        assertEquals(List.of(List.of("list")), ran);
        ran.clear();
        assertEquals(3, run(runner(Map.of("get", 3), List.of(), true), "get x\nquit\nlist\n"),
                "a kept-going failure before it is still the script's code");
        assertEquals(List.of(List.of("get", "x")), ran);
    }

    @Test
    void quotingCommentsAndBlankLines() throws Exception {
        int code = run(runner(Map.of(), List.of(), false), """
                # setup
                register "my file.json" --force

                inspect 'a b' # trailing comment
                get x\\ y
                """);
        assertEquals(0, code);
        assertEquals(List.of(List.of("register", "my file.json", "--force"), List.of("inspect", "a b"),
                List.of("get", "x y")), ran);
    }

    @Test
    void stopsAtTheFirstFailureWithItsCode() throws Exception {
        int code = run(runner(Map.of("inspect", 4), List.of(), false), "version\ninspect nope\nlist\n");
        assertEquals(4, code);
        assertEquals(2, ran.size());
    }

    @Test
    void keepGoingRunsEveryLineAndReturnsTheFirstFailure() throws Exception {
        int code = run(runner(Map.of("inspect", 4, "get", 5), List.of(), true), "inspect\nget\nlist\n");
        assertEquals(4, code);
        assertEquals(3, ran.size());
    }

    @Test
    void inheritedGlobalOptionsComeFirstOnEveryLine() throws Exception {
        run(runner(Map.of(), List.of("--json"), false), "list\nversion\n");
        assertEquals(List.of(List.of("--json", "list"), List.of("--json", "version")), ran);
    }

    @Test
    void unclosedQuoteIsAUsageErrorNamingTheLine() throws Exception {
        int code = run(runner(Map.of(), List.of(), false), "version\ninspect \"github\n");
        assertEquals(64, code);
        assertEquals(1, ran.size());
        assertEquals(true, err.toString(StandardCharsets.UTF_8).contains("test:2"));
    }
}
