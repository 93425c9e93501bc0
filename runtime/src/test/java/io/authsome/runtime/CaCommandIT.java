package io.authsome.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ca path} creates the proxy CA once; {@code ca regenerate} replaces it; both are audited. */
class CaCommandIT {
    @TempDir
    Path temp;

    @Test
    void pathCreatesTheCaOnceAndRegenerateReplacesIt() throws Exception {
        Authsome authsome = new Authsome(temp.resolve("home"));
        JsonNode first = authsome.run("ca", "path", "--json").json();
        Path certificate = Path.of(first.get("path").asText());
        assertTrue(Files.readString(certificate).startsWith("-----BEGIN CERTIFICATE-----"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                certificate.resolveSibling("ca.key"))));
        assertEquals(first.get("sha256").asText(), authsome.run("ca", "path", "--json").json().get("sha256").asText());
        Authsome.Run regenerated = authsome.run("ca", "regenerate", "--json");
        assertEquals(0, regenerated.exitCode(), regenerated.toString());
        assertNotEquals(first.get("sha256").asText(), regenerated.json().get("sha256").asText());
        assertEquals(64, authsome.run("ca", "bogus").exitCode());
        assertTrue(authsome.run("log", "--json").json().get("events").findValuesAsText("event")
                .containsAll(java.util.List.of("ca_create", "ca_regenerate")));
    }
}
