package io.authsome.store.internal.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code export --format dotenv} read back by the real readers: bash ({@code set -a; . ./.env}),
 * python-dotenv ({@code dotenv_values}, Debian's {@code python3-dotenv}) and
 * {@code node --env-file} (node 20). Every value the format writes comes back byte for byte in
 * all three, nothing in it runs, and a value one of them would change is refused.
 */
class DotEnvReadersTest {
    /** Values that broke double-quoted output, or that one reader or another treats specially. */
    private static final List<String> HOSTILE = List.of(
            "plain-sk-1234567890",
            "a$HOME`touch pwned-backtick`$(touch pwned-subshell)b",
            "${X",
            "$X and $ alone",
            "dq\" \\\" \\n \\t",
            "two\nlines\nexport INJECTED=1\n",
            " leading and trailing ",
            "#not a comment # nor this",
            "tab\there",
            "backslash\\ before\\\nline",
            "one \\ backslash",
            "equals=in=value",
            "it's #quoted { } ! ; | & < > ( )",
            "unicode \u00fc\u00ef\u2713",
            "");

    @TempDir
    Path temp;

    @Test
    void everyValueReadsBackByteForByteInBashPythonDotenvAndNode() throws Exception {
        Map<String, String> variables = new LinkedHashMap<>();
        for (int i = 0; i < HOSTILE.size(); i++) {
            variables.put("V" + i, HOSTILE.get(i));
        }
        Path env = temp.resolve(".env");
        Files.writeString(env, ExportFormat.DOTENV.render(variables));
        List<String> names = List.copyOf(variables.keySet());
        String bash = "set -a; . ./.env; printf '%s\\0' " + String.join(" ", names.stream().map(n -> "\"$" + n + "\"").toList());
        String python = "import sys, dotenv; v = dotenv.dotenv_values('.env'); "
                + "sys.stdout.buffer.write(b''.join(v[n].encode() + b'\\0' for n in sys.argv[1:]))";
        String node = "process.stdout.write(process.argv.slice(1).map(n => process.env[n] + '\\0').join(''))";
        List<List<String>> readers = List.of(
                List.of("bash", "-c", bash),
                concat(List.of("python3", "-c", python), names),
                concat(List.of("node", "--env-file=.env", "-e", node), names));
        for (List<String> reader : readers) {
            assertEquals(HOSTILE, read(reader), reader.get(0) + " read the values back differently");
        }
        assertFalse(Files.exists(temp.resolve("pwned-backtick")), "a backtick ran");
        assertFalse(Files.exists(temp.resolve("pwned-subshell")), "a $(...) ran");
    }

    @Test
    void aValueNoReaderHoldsUnchangedIsRefusedNamingTheVariableNotTheValue() {
        for (String value : List.of("it's \"both\"", "it's $HOME", "it's\nlines", "cr\rlf", "two \\\\ backslashes", "ends with \\", "a ${HOME} b", "${X:-default}")) {
            AuthsomeException e = assertThrows(AuthsomeException.class,
                    () -> ExportFormat.DOTENV.render(Map.of("ACME_API_KEY", value)), value);
            assertEquals(ErrorCode.INVALID_INPUT, e.code());
            assertTrue(e.getMessage().contains("ACME_API_KEY"), e.getMessage());
            assertFalse(e.getMessage().contains(value), e.getMessage());
            assertTrue(e.nextStep().contains("--format json"), e.nextStep());
        }
    }

    private List<String> read(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(temp.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("V"));
        Process process = builder.redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] out = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), command.get(0) + " did not finish");
        assertEquals(0, process.exitValue(), command.get(0) + " failed");
        String text = new String(out, StandardCharsets.UTF_8);
        List<String> values = new ArrayList<>(Arrays.asList(text.split("\0", -1)));
        values.remove(values.size() - 1);
        return values;
    }

    private static List<String> concat(List<String> head, List<String> tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(tail);
        return all;
    }
}
