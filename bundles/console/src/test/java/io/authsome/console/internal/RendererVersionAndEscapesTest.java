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

class RendererVersionAndEscapesTest {
    private static final String HOSTILE = "Acme\u001b]0;owned\u0007\u001b[2J\r\u202eevil";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Terminal io = new Terminal(new ByteArrayInputStream(new byte[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), false, Map.of(), Path.of("/"), Map.of(),
            LocalPerson.INSTANCE);

    @Test
    void everyJsonResultCarriesTheFormatVersionFirst() throws Exception {
        new Renderer(io, true, false, Style.PLAIN).result(CommandResult.of(Map.of("providers", List.of())));
        Map<String, Object> json = Json.parseObject(out.toByteArray());
        assertEquals(List.of("v", "providers"), List.copyOf(json.keySet()));
        assertEquals(1L, json.get("v"));
    }

    @Test
    void aResultThatIsNotAnObjectIsWrappedWithTheVersion() throws Exception {
        new Renderer(io, true, false, Style.PLAIN).result(CommandResult.of("A=b\n"));
        assertEquals(Map.of("v", 1L, "result", "A=b\n"), Json.parseObject(out.toByteArray()));
    }

    @Test
    void aJsonErrorCarriesTheFormatVersion() throws Exception {
        new Renderer(io, true, false, Style.PLAIN).error(new AuthsomeException(ErrorCode.USAGE, "bad", "authsome help"));
        Map<String, Object> json = Json.parseObject(out.toByteArray());
        assertEquals(1L, json.get("v"));
        assertEquals("USAGE", json.get("error"));
        assertEquals(64L, json.get("exit_code"));
    }

    @Test
    void controlCharactersInTableCellsTextAndErrorsAreEscapedNotSentRaw() {
        Renderer renderer = new Renderer(io, false, false, Style.PLAIN);
        renderer.result(CommandResult.of(Map.of(), new Table(List.of("NAME"), List.of(List.of(HOSTILE + "\nrow"))),
                new Text("display: " + HOSTILE + "\nsecond line\tand a tab")));
        renderer.error(new AuthsomeException(ErrorCode.INVALID_INPUT, "bad name '" + HOSTILE + "'", "fix\u001b[0m it"));
        String printed = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        for (char raw : new char[] {'\u001b', '\u0007', '\r', '\u202e'}) {
            assertFalse(printed.indexOf(raw) >= 0, "raw U+" + Integer.toHexString(raw) + " in " + printed);
        }
        assertTrue(printed.contains("Acme\\x1b]0;owned\\x07\\x1b[2J\\x0d\\u202eevil\\x0arow"), printed);
        assertTrue(printed.contains("\nsecond line\tand a tab\n"), "a text keeps its own line breaks: " + printed);
        assertTrue(printed.contains("next:  fix\\x1b[0m it"), printed);
    }
}
