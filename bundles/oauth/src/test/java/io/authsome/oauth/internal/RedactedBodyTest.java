package io.authsome.oauth.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RedactedBodyTest {
    private static String of(String body) {
        return RedactedBody.of(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void jsonTokenMembersAreRedactedAndTheErrorKept() {
        String shown = of("{\"error\": \"invalid_grant\", \"access_token\" : \"at-1\", \"refresh_token\":\"rt\\\"2\","
                + " \"device_code\": 42, \"user_code\": \"WDJB-MJHT\"}");
        assertEquals("{\"error\": \"invalid_grant\", \"access_token\" : \"[redacted]\", \"refresh_token\":\"[redacted]\","
                + " \"device_code\": \"[redacted]\", \"user_code\": \"WDJB-MJHT\"}", shown);
    }

    @Test
    void formFieldsAndJwtsAreRedacted() {
        String shown = of("error=invalid_client&access_token=abc&id=1 see eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig");
        assertEquals("error=invalid_client&access_token=[redacted]&id=1 see [redacted]", shown);
    }

    @Test
    void controlCharactersAreReplacedAndLinesJoined() {
        String shown = of("<h1>Error</h1>\r\n<p>\u001b[31mred</p>");
        assertFalse(shown.contains("\u001b") || shown.contains("\n"), shown);
        assertTrue(shown.startsWith("<h1>Error</h1> <p>?[31mred</p>"), shown);
    }

    @Test
    void aLongBodyIsCut() {
        String shown = of("x".repeat(5000));
        assertTrue(shown.endsWith("... (5000 bytes)"), shown.substring(shown.length() - 30));
        assertEquals(RedactedBody.MAX_CHARACTERS + "... (5000 bytes)".length(), shown.length());
    }
}
