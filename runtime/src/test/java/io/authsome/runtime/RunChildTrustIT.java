package io.authsome.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trust files a run gives its child: private whatever the umask, and usable by a JVM child
 * when the home's path has a space (the JVM splits {@code JAVA_TOOL_OPTIONS} at whitespace).
 */
class RunChildTrustIT {
    private static final Path CLIENTS = Path.of("src/test/resources/clients").toAbsolutePath();

    @TempDir
    Path temp;

    @Test
    void childTrustIsPrivateWhateverTheUmask() throws Exception {
        Path home = temp.resolve("home");
        Files.createDirectories(home);
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", "umask 000; exec \"$0\" \"$@\"",
                Authsome.DIST.resolve("bin/authsome").toAbsolutePath().toString(), "run", "--", "true");
        builder.environment().put("AUTHSOME_HOME", home.toString());
        builder.environment().put("XDG_CACHE_HOME", Path.of("target/it-cache").toAbsolutePath().toString());
        Process run = builder.redirectErrorStream(true).start();
        String output = new String(run.getInputStream().readAllBytes());
        assertEquals(true, run.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, run.exitValue(), output);
        Path trust = home.resolve("ca/child-trust");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(trust)));
        try (Stream<Path> entries = Files.walk(trust)) {
            for (Path entry : entries.filter(path -> !path.equals(trust)).toList()) {
                assertEquals(Files.isDirectory(entry) ? "rwx------" : "rw-------",
                        PosixFilePermissions.toString(Files.getPosixFilePermissions(entry)), entry.toString());
            }
        }
    }

    @Test
    void aJvmChildGetsTheCredentialWhenTheHomePathHasASpace() throws Exception {
        TestCa ca = TestCa.create(List.of(RunProxyIT.API));
        try (ApiServer api = ApiServer.start(ca.serverContext())) {
            Authsome authsome = RunProxyIT.home(temp.resolve("home with space"), ca);
            RunProxyIT.register(authsome, "echoapi", RunProxyIT.API);
            assertEquals(0, authsome.with("ECHOAPI_KEY", "sk-spaced-home").run("login", "echoapi").exitCode());
            authsome.without("ECHOAPI_KEY");
            Authsome.Run run = authsome.run("run", "--", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    CLIENTS.resolve("FetchWithJavaHttpClient.java").toString(),
                    "https://" + RunProxyIT.API + ":" + api.port() + "/jvm");
            assertEquals(0, run.exitCode(), run.toString());
            assertEquals("Bearer sk-spaced-home", RunProxyIT.lines(run).get(0).path("headers").path("authorization")
                    .asText(), run.toString());
        }
    }
}
