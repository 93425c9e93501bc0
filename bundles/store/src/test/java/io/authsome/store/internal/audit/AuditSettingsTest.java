package io.authsome.store.internal.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.authsome.api.config.AuditConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditSettingsTest {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private AuditSettings from(Map<String, String> properties) {
        return from(properties, AuditConfig.DEFAULTS);
    }

    private AuditSettings from(Map<String, String> properties, AuditConfig config) {
        return AuditSettings.from(properties::get, config, new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void configJsonSetsBothAndAPropertyOverridesIt() {
        assertEquals(new AuditSettings(2048, 2), from(Map.of(), new AuditConfig(2048, 2)));
        assertEquals(new AuditSettings(2048, 9), from(Map.of("authsome.audit.keep", "9"), new AuditConfig(2048, 2)));
        assertEquals(AuditSettings.DEFAULT, from(Map.of(), new AuditConfig(0, AuditConfig.DEFAULT_KEEP)));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("ignoring audit.max_bytes=0 in config.json"));
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
