package io.authsome.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A drop-in bundle that carries code runs only once trusted, as its bytes were when trusted:
 * dropped into the folder of a running daemon it is installed but neither started nor served;
 * {@code bundles trust} through the daemon starts it; a changed jar stops until trusted again;
 * {@code bundles untrust} stops it. Without a daemon the same holds, and nothing of it reaches
 * standard output. A data-only drop-in needs no trust.
 */
class TrustIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROVIDER = """
            {"name": "signed", "auth_type": "api_key", "api_url": "api.signed.dev"}""";
    /** The bundle's activator appends a line to this file of the home each time it starts. */
    private static final String MARKER = "code-ran.log";
    /** FileInstall polls every second; give it a few rounds. */
    private static final long SETTLE_MILLIS = 3500;

    @TempDir
    Path temp;

    @Test
    void codeRunsOnlyWhileTrustedAsItIs() throws Exception {
        Authsome authsome = new Authsome(temp.resolve("home"));
        Path dropins = authsome.home().resolve("dropins");
        Authsome.Run start = authsome.run("daemon", "start");
        assertEquals(0, start.exitCode(), start.toString());
        try {
            CodeBundleJar.write(dropins.resolve("signed.jar"), temp.resolve("v1"), "com.example.signed", PROVIDER,
                    MARKER, "v1");
            ProviderJar.write(dropins.resolve("data.jar"), "com.example.data", """
                    {"name": "dataonly", "auth_type": "api_key", "api_url": "api.dataonly.dev"}""");
            Thread.sleep(SETTLE_MILLIS);

            assertUntrusted(authsome, "signed.jar", sha256(dropins.resolve("signed.jar")));
            assertEquals(0, authsome.run("inspect", "dataonly").exitCode(), "a data-only drop-in needs no trust");
            Authsome.Run doctor = authsome.run("--json", "doctor");
            assertTrue(findings(doctor).stream().anyMatch(f -> f.path("status").asText().equals("WARN")
                    && f.path("fix").asText().equals("authsome bundles trust signed.jar")), doctor.toString());

            Authsome.Run trust = authsome.run("--json", "bundles", "trust", "signed.jar");
            assertEquals(0, trust.exitCode(), trust.toString());
            assertEquals("active", trust.json().path("state").asText(), trust.toString());
            assertServed(authsome);
            assertEquals(List.of("v1"), ranVariants(authsome));
            Path record = authsome.home().resolve("trusted-bundles.json");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(record)));
            JsonNode recorded = JSON.readTree(record.toFile()).path("bundles").get(0);
            assertEquals("signed.jar", recorded.path("name").asText());
            assertEquals(sha256(dropins.resolve("signed.jar")), recorded.path("sha256").asText());

            // Other bytes under the trusted name: stopped and not started until trusted again.
            CodeBundleJar.write(dropins.resolve("signed.jar"), temp.resolve("v2"), "com.example.signed", PROVIDER,
                    MARKER, "v2");
            Thread.sleep(SETTLE_MILLIS);
            assertUntrusted(authsome, "signed.jar", sha256(dropins.resolve("signed.jar")));
            assertEquals(List.of("v1"), ranVariants(authsome), "the changed jar's code never ran");

            Authsome.Run again = authsome.run("bundles", "trust", dropins.resolve("signed.jar").toString());
            assertEquals(0, again.exitCode(), again.toString());
            assertServed(authsome);
            assertEquals(List.of("v1", "v2"), ranVariants(authsome));

            Authsome.Run untrust = authsome.run("bundles", "untrust", "signed.jar");
            assertEquals(0, untrust.exitCode(), untrust.toString());
            assertUntrusted(authsome, "signed.jar", sha256(dropins.resolve("signed.jar")));
            assertEquals(65, authsome.run("bundles", "untrust", "signed.jar").exitCode(), "untrusted already");

            List<JsonNode> events = audit(authsome);
            assertEquals(List.of("bundle_trusted", "bundle_trusted", "bundle_untrusted"),
                    events.stream().map(e -> e.path("event").asText()).filter(e -> e.startsWith("bundle_")).toList());
            JsonNode untrusted = events.stream().filter(e -> e.path("event").asText().equals("bundle_untrusted"))
                    .findFirst().orElseThrow();
            assertEquals("signed.jar", untrusted.path("name").asText());
            assertEquals(sha256(dropins.resolve("signed.jar")), untrusted.path("sha256").asText());
        } finally {
            assertEquals(0, authsome.run("daemon", "stop").exitCode());
        }

        // In-process: the untrusted bundle stays stopped and says nothing on standard output.
        assertUntrusted(authsome, "signed.jar", sha256(dropins.resolve("signed.jar")));
        assertEquals(List.of("v1", "v2"), ranVariants(authsome));
        Authsome.Run trust = authsome.run("bundles", "trust", "signed.jar");
        assertEquals(0, trust.exitCode(), trust.toString());
        Authsome.Run list = authsome.run("--json", "list");
        assertEquals(0, list.exitCode(), list.toString());
        list.json(); // standard output is JSON only
        assertServed(authsome);
        List<String> ran = ranVariants(authsome);
        assertEquals("v1", ran.get(0));
        assertTrue(ran.size() > 2 && ran.subList(1, ran.size()).stream().allMatch("v2"::equals), ran.toString());
    }

    @Test
    void trustNamesWhatIsWrong() throws Exception {
        Authsome authsome = new Authsome(temp.resolve("home"));
        Path dropins = Files.createDirectories(authsome.home().resolve("dropins"));
        Authsome.Run missing = authsome.run("bundles", "trust", "nothing.jar");
        assertEquals(65, missing.exitCode(), missing.toString());
        assertTrue(missing.err().contains(dropins.resolve("nothing.jar") + " does not exist"), missing.toString());

        Path elsewhere = CodeBundleJar.write(temp.resolve("signed.jar"), temp.resolve("v1"), "com.example.signed",
                PROVIDER, MARKER, "v1");
        Authsome.Run notCopied = authsome.run("bundles", "trust", elsewhere.toString());
        assertEquals(65, notCopied.exitCode(), notCopied.toString());
        assertTrue(notCopied.err().contains("cp " + elsewhere + " " + dropins + "/"), notCopied.toString());

        // A program behind the proxy may not trust code: trusted code runs beside the vault.
        Files.copy(elsewhere, dropins.resolve("signed.jar"));
        Authsome.Run inside = authsome.run("run", "--", "sh", "-c", Authsome.DIST.resolve("bin/authsome").toAbsolutePath()
                + " --home " + authsome.home() + " bundles trust signed.jar; echo code=$?");
        assertTrue(inside.out().contains("code=4"), inside.toString());
        assertTrue(inside.err().contains("is not allowed inside"), inside.toString());
        assertFalse(Files.exists(authsome.home().resolve("trusted-bundles.json")), "nothing recorded");

        ProviderJar.write(dropins.resolve("data.jar"), "com.example.data", PROVIDER);
        Authsome.Run data = authsome.run("bundles", "trust", "data.jar");
        assertEquals(0, data.exitCode(), data.toString());
        assertTrue(data.out().contains("data.jar carries no code: it needs no trust"), data.toString());
        assertFalse(Files.exists(authsome.home().resolve("trusted-bundles.json")), "nothing recorded");
    }

    private static void assertUntrusted(Authsome authsome, String file, String sha256) throws IOException {
        Authsome.Run bundles = authsome.run("--json", "bundles");
        assertEquals(0, bundles.exitCode(), bundles.toString());
        JsonNode untrusted = bundles.json().path("untrusted");
        assertEquals(1, untrusted.size(), bundles.toString());
        assertEquals(file, untrusted.get(0).path("file").asText());
        assertEquals(sha256, untrusted.get(0).path("sha256").asText());
        assertEquals("authsome bundles trust " + file, untrusted.get(0).path("next").asText());
        for (JsonNode bundle : bundles.json().path("bundles")) {
            if (bundle.path("symbolic_name").asText().equals("com.example.signed")) {
                assertFalse(bundle.path("trusted").asBoolean(), bundle.toString());
                assertFalse(bundle.path("state").asText().equals("active"), bundle.toString());
            }
        }
        Authsome.Run text = authsome.run("bundles");
        assertTrue(text.out().contains("untrusted: " + file + " carries code and does not run until trusted: "
                + "authsome bundles trust " + file), text.toString());
        Authsome.Run inspect = authsome.run("inspect", "signed");
        assertEquals(4, inspect.exitCode(), "an untrusted bundle's provider is not served: " + inspect);
    }

    private static void assertServed(Authsome authsome) {
        Authsome.Run inspect = authsome.run("inspect", "signed");
        assertEquals(0, inspect.exitCode(), inspect.toString());
        assertTrue(inspect.out().contains("signed (drop-in, com.example.signed)"), inspect.toString());
    }

    private static List<String> ranVariants(Authsome authsome) throws IOException {
        Path marker = authsome.home().resolve(MARKER);
        return Files.exists(marker) ? Files.readAllLines(marker) : List.of();
    }

    private static List<JsonNode> findings(Authsome.Run doctor) {
        List<JsonNode> findings = new ArrayList<>();
        doctor.json().path("findings").forEach(findings::add);
        return findings;
    }

    private static List<JsonNode> audit(Authsome authsome) throws IOException {
        List<JsonNode> events = new ArrayList<>();
        for (String line : Files.readAllLines(authsome.home().resolve("audit.log"))) {
            events.add(JSON.readTree(line));
        }
        return events;
    }

    private static String sha256(Path file) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(file)));
    }
}
