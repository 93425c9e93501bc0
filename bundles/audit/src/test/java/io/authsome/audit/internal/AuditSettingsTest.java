package io.authsome.audit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditSettingsTest {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private AuditSettings from(Map<String, String> properties) {
        return AuditSettings.from(properties::get, new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void defaultsAre10MiBAnd5Files() {
        assertEquals(new AuditSettings(10 * 1024 * 1024, 5), from(Map.of()));
    }

    @Test
    void frameworkPropertiesSetBoth() {
        assertEquals(new AuditSettings(4096, 0),
                from(Map.of("authsome.audit.max_bytes", "4096", "authsome.audit.keep", " 0 ")));
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anInvalidValueIsReportedAndReplacedByTheDefault() {
        assertEquals(AuditSettings.DEFAULT,
                from(Map.of("authsome.audit.max_bytes", "10MB", "authsome.audit.keep", "-1")));
        String warnings = err.toString(StandardCharsets.UTF_8);
        assertTrue(warnings.contains("ignoring authsome.audit.max_bytes=10MB"), warnings);
        assertTrue(warnings.contains("ignoring authsome.audit.keep=-1"), warnings);
    }
}
