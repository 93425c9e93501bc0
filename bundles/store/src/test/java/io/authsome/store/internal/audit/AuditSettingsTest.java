package io.authsome.store.internal.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import io.authsome.api.home.HomeLayout;
import io.authsome.common.config.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;

class AuditSettingsTest {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path home;

    private AuditSettings from(Map<String, String> properties) {
        return AuditSettings.from(properties::get, Settings.of(new HomeLayout(home)),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void configJsonSetsBothAndAPropertyOverridesIt() throws Exception {
        Files.writeString(home.resolve("config.json"), "{\"audit\": {\"max_bytes\": 2048, \"keep\": 2}}");
        assertEquals(new AuditSettings(2048, 2), from(Map.of()));
        assertEquals(new AuditSettings(2048, 9), from(Map.of("authsome.audit.keep", "9")));
        Files.writeString(home.resolve("config.json"), "{\"audit\": {\"max_bytes\": 0}}");
        assertEquals(AuditSettings.DEFAULT, from(Map.of()));
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
