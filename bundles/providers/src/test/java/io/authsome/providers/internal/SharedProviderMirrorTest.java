package io.authsome.providers.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharedProviderMirrorTest {
    @TempDir
    Path home;

    @Test
    void theHomeFollowsTheStoreButKeepsWhatItRegisteredBeforeJoining() throws Exception {
        Path providers = Files.createDirectories(home.resolve("providers"));
        Files.writeString(providers.resolve("local.json"), "{\"name\": \"local\"}");
        SharedProviderMirror mirror = new SharedProviderMirror(providers, home.resolve("shared-providers.json"));

        assertTrue(mirror.apply(Map.of("acme", bytes("{\"name\": \"acme\"}"), "globex", bytes("{\"name\": \"globex\"}"))));
        assertEquals("{\"name\": \"acme\"}", Files.readString(providers.resolve("acme.json")));
        assertFalse(mirror.apply(Map.of("acme", bytes("{\"name\": \"acme\"}"), "globex", bytes("{\"name\": \"globex\"}"))),
                "nothing to do the second time");

        assertTrue(mirror.apply(Map.of("acme", bytes("{\"name\": \"acme\", \"v\": 2}"))), "changed and dropped");
        assertEquals("{\"name\": \"acme\", \"v\": 2}", Files.readString(providers.resolve("acme.json")));
        assertFalse(Files.exists(providers.resolve("globex.json")), "dropped by the store: gone here");
        assertTrue(Files.exists(providers.resolve("local.json")), "never the store's: kept");

        mirror.unshared("acme");
        assertFalse(mirror.apply(Map.of()), "unregistered here already: nothing of the store's is left to delete");
        assertTrue(Files.exists(providers.resolve("acme.json")));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
