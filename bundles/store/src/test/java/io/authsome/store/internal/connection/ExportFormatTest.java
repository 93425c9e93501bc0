package io.authsome.store.internal.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.common.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExportFormatTest {
    private static final String NASTY = "it's \"q\" $HOME `x` \\ and\nline";

    @Test
    void shellQuotesEverythingLiterally() throws Exception {
        assertEquals("export A='plain'\n", ExportFormat.SHELL.render(Map.of("A", "plain")));
        assertEquals("'it'\\''s'", ExportFormat.shellQuote("it's"));
        assertEquals("export A='" + NASTY.replace("'", "'\\''") + "'\n", ExportFormat.SHELL.render(Map.of("A", NASTY)));
    }

    @Test
    void envIsRawAndRefusesLineBreaks() throws Exception {
        assertEquals("A=a b $c\n", ExportFormat.ENV.render(Map.of("A", "a b $c")));
        AuthsomeException e = assertThrows(AuthsomeException.class, () -> ExportFormat.ENV.render(Map.of("A", NASTY)));
        assertEquals(ErrorCode.INVALID_INPUT, e.code());
    }

    @Test
    void dotenvSingleQuotesAndReadsBackThroughTheScanner() throws Exception {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("ONE", "a $b \"c\" `x`");
        variables.put("TWO", "two\nlines");
        assertEquals("ONE='a $b \"c\" `x`'\nTWO='two\nlines'\n", ExportFormat.DOTENV.render(variables));
        Map<String, DotEnv.Variable> parsed = DotEnv.parse(ExportFormat.DOTENV.render(variables));
        assertEquals(variables.get("ONE"), parsed.get("ONE").value());
    }

    @Test
    void jsonIsOneObject() throws Exception {
        Map<String, Object> back = Json.parseObject(ExportFormat.JSON.render(Map.of("A", NASTY))
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(NASTY, back.get("A"));
    }
}
