package io.authsome.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walkthrough of docs/providers.md, as a user runs it: {@code bundles new} writes a project,
 * Maven builds it offline, the jar is dropped in and trusted, a login takes its fields from the
 * environment, and {@code run -- curl} reaches an API on loopback that takes only requests the
 * bundle's injector signed. Untrusted, the same request goes out unsigned and is refused.
 */
class CodeProviderTemplateIT {
    private static final String NAME = "hmacdemo";
    private static final String HOST = "api.hmacdemo.example";
    private static final String KEY_ID = "key-2f8a";
    private static final String SECRET = "hmac-secret-9d41c07be35a4f66";

    @TempDir
    Path temp;

    @Test
    void aGeneratedBundleSignsRequestsOnceBuiltDroppedInAndTrusted() throws Exception {
        TestCa ca = TestCa.create(List.of(HOST));
        try (HmacApi api = HmacApi.start(ca.serverContext(), KEY_ID, SECRET)) {
            Authsome authsome = RunProxyIT.home(temp.resolve("home"), ca, "\"resolve\": {\"" + HOST + "\": \"127.0.0.1\"}", "");
            Path project = temp.resolve("project");
            Authsome.Run created = authsome.run("--json", "bundles", "new", NAME, "--dir", project.toString());
            assertEquals(0, created.exitCode(), created.toString());
            assertEquals(NAME + "-hmac", created.json().path("injector").asText());
            assertTrue(Files.isRegularFile(project.resolve("lib/io.authsome.api.jar")));
            Authsome.Run exists = authsome.run("bundles", "new", NAME, "--dir", project.toString());
            assertEquals(65, exists.exitCode(), "never over an existing project: " + exists);

            build(project);
            Path jar = project.resolve("target/" + NAME + "-1.0.0.jar");
            Path dropped = authsome.home().resolve("dropins/" + jar.getFileName());
            Files.copy(jar, dropped.resolveSibling(jar.getFileName() + ".part"));
            Files.move(dropped.resolveSibling(jar.getFileName() + ".part"), dropped);

            Authsome.Run trust = authsome.run("bundles", "trust", jar.getFileName().toString());
            assertEquals(0, trust.exitCode(), trust.toString());
            awaitProvider(authsome);
            Authsome.Run login = authsome.with(NAME.toUpperCase() + "_KEY_ID", KEY_ID)
                    .with(NAME.toUpperCase() + "_SECRET", SECRET).run("login", NAME);
            authsome.without(NAME.toUpperCase() + "_KEY_ID").without(NAME.toUpperCase() + "_SECRET");
            assertEquals(0, login.exitCode(), login.toString());

            Authsome.Run signed = curl(authsome, api, "/v1/ping");
            assertEquals(0, signed.exitCode(), signed.toString());
            assertEquals("signed by " + KEY_ID + " 200", signed.out().strip(), signed.toString());
            assertEquals(1, api.accepted());

            Authsome.Run untrust = authsome.run("bundles", "untrust", jar.getFileName().toString());
            assertEquals(0, untrust.exitCode(), untrust.toString());
            Authsome.Run unsigned = curl(authsome, api, "/v1/ping");
            assertEquals("bad or missing signature 403", unsigned.out().strip(), unsigned.toString());
            assertEquals(1, api.accepted());
            assertEquals(1, api.refused());

            assertNoSecretIn(authsome.home());
        }
    }

    /**
     * A running daemon's FileInstall installs a dropped jar within about a second, and a trust
     * given before starts it then: its provider is served a moment later.
     */
    private static void awaitProvider(Authsome authsome) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        Authsome.Run inspect = authsome.run("inspect", NAME);
        while (inspect.exitCode() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(500);
            inspect = authsome.run("inspect", NAME);
        }
        assertEquals(0, inspect.exitCode(), "the trusted bundle's provider is served: " + inspect);
    }

    /** {@code mvn -o -q package}: offline, from the local repository authsome's own build filled. */
    private static void build(Path project) throws IOException, InterruptedException {
        Process mvn = new ProcessBuilder("mvn", "-o", "-q", "-B", "package").directory(project.toFile())
                .redirectErrorStream(true).start();
        String output = new String(mvn.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(mvn.waitFor(5, TimeUnit.MINUTES), "mvn package did not finish: " + output);
        assertEquals(0, mvn.exitValue(), "mvn -o -q package failed:\n" + output);
    }

    private static Authsome.Run curl(Authsome authsome, HmacApi api, String path) {
        return authsome.run("run", "--", "curl", "-sS", "-w", " %{http_code}",
                "https://" + HOST + ":" + api.port() + path);
    }

    /** The secret is in the vault, encrypted, and nowhere else of the home. */
    private static void assertNoSecretIn(Path home) throws IOException {
        try (Stream<Path> files = Files.walk(home)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertFalse(text.contains(SECRET), file + " holds the secret");
            }
        }
    }
}
