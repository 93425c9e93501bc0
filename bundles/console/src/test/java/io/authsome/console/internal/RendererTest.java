package io.authsome.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.command.CommandResult;
import io.authsome.api.command.Table;
import io.authsome.api.command.Text;
import io.authsome.common.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RendererTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Terminal io = new Terminal(new ByteArrayInputStream(new byte[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), false, Map.of(), Path.of("/"), Map.of(),
            LocalPerson.INSTANCE);

    private final CommandResult result = CommandResult.of(Map.of("providers", List.of("github")),
            new Table(List.of("NAME", "STATE"), List.of(List.of("github", "available"), List.of("x", "connected"))),
            new Text("2 providers"));

    @Test
    void tableColumnsAreAligned() {
        new Renderer(io, false, false, Style.PLAIN).result(result);
        assertEquals("""
                NAME    STATE
                github  available
                x       connected
                2 providers
                """, out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void jsonModePrintsTheDataOnlyAsOneDocument() throws Exception {
        new Renderer(io, true, false, Style.PLAIN).result(result);
        Map<String, Object> json = Json.parseObject(out.toByteArray());
        assertEquals(List.of("github"), json.get("providers"));
        assertFalse(out.toString(StandardCharsets.UTF_8).contains("NAME"));
    }

    @Test
    void errorGoesToStderrWithItsNextStep() {
        new Renderer(io, false, false, Style.PLAIN).error(
                new AuthsomeException(ErrorCode.PROVIDER_NOT_FOUND, "unknown provider 'x'", "authsome list"));
        assertEquals("", out.toString(StandardCharsets.UTF_8));
        assertEquals("error: unknown provider 'x'\nnext:  authsome list\n", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void jsonErrorCarriesCodeNameMessageAndExitCode() throws Exception {
        new Renderer(io, true, false, Style.PLAIN).error(
                new AuthsomeException(ErrorCode.INVALID_INPUT, "bad file", "fix it"));
        Map<String, Object> json = Json.parseObject(out.toByteArray());
        assertEquals("INVALID_INPUT", json.get("error"));
        assertEquals("bad file", json.get("message"));
        assertEquals("fix it", json.get("next_step"));
        assertEquals(65L, json.get("exit_code"));
    }

    @Test
    void ansiStyleColoursVerdictsAndPlainDoesNot() {
        new Renderer(io, false, false, Style.ANSI).result(result);
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("\u001b[32mconnected\u001b[0m"), text);
        out.reset();
        new Renderer(io, false, false, Style.PLAIN).result(result);
        assertFalse(out.toString(StandardCharsets.UTF_8).contains("\u001b["));
    }
}
