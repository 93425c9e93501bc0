package io.authsome.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Script mode: from a file and from stdin, stopping at the first failure unless told to keep going. */
class ScriptModeIT {
    private static final String SCRIPT = """
            # a comment, then a blank line

            version
            inspect "no such provider"
            inspect github
            """;

    @TempDir
    Path temp;
    Authsome authsome;

    @BeforeEach
    void newHome() {
        authsome = new Authsome(temp.resolve("home"));
    }

    @Test
    void scriptFileStopsAtFirstFailureWithItsExitCode() throws IOException {
        Path script = Files.writeString(temp.resolve("script.txt"), SCRIPT);
        Authsome.Run run = authsome.run("-f", script.toString());
        assertEquals(4, run.exitCode(), run.toString());
        assertTrue(run.out().contains("authsome "), run.out());
        assertTrue(run.err().contains("unknown provider 'no such provider'"), run.err());
        assertFalse(run.out().contains("definition:"), "the line after the failure ran:\n" + run.out());
    }

    @Test
    void commandsOnStdinRunAsAScript() {
        Authsome.Run run = authsome.runWithInput(SCRIPT);
        assertEquals(4, run.exitCode(), run.toString());
        assertFalse(run.out().contains("definition:"), run.out());
    }

    @Test
    void keepGoingRunsEveryLineAndReturnsTheFailure() throws IOException {
        Path script = Files.writeString(temp.resolve("script.txt"), SCRIPT);
        Authsome.Run run = authsome.run("--keep-going", "-f", script.toString());
        assertEquals(4, run.exitCode(), run.toString());
        assertTrue(run.out().contains("definition:"), run.out());
    }

    @Test
    void successfulScriptExitsZeroAndInheritsGlobalOptions() {
        Authsome.Run run = authsome.runWithInput("version\n", "--json");
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals("0.1.0-SNAPSHOT", run.json().get("version").asText());
    }

    @Test
    void unclosedQuoteIsAUsageError() {
        Authsome.Run run = authsome.runWithInput("inspect \"github\n");
        assertEquals(64, run.exitCode(), run.toString());
    }

    @Test
    void missingScriptFileIsReported() {
        Authsome.Run run = authsome.run("-f", temp.resolve("missing.txt").toString());
        assertEquals(64, run.exitCode(), run.toString());
        assertTrue(run.err().contains("missing.txt"), run.err());
    }
}
