package io.authsome.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing of a minter's key material, of the JWTs signed with it, or of the tokens minted leaks:
 * not in what the commands print (with {@code --verbose} round trips, in-process and through the
 * daemon, on success and when the issuer refuses the key), not in the audit log or the daemon's
 * log, not in any file of the home. The tokens expire after a few seconds, so that most commands
 * mint and every path that handles a token runs.
 */
class MintedSecretsIT {
    private static final long LIFETIME_SECONDS = 4;

    @TempDir
    Path temp;
    Authsome authsome;
    FakeTokenIssuer issuer;
    MinterKeys keys;
    final List<Authsome.Run> runs = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        TestCa ca = TestCa.create(List.of("localhost"));
        keys = MinterKeys.generate();
        issuer = FakeTokenIssuer.start(ca, keys.pair().getPublic()).lifetime(LIFETIME_SECONDS);
        authsome = new Authsome(temp.resolve("home")).with("AUTHSOME_JAVA_OPTS", FakeTokenIssuer.trustOptions(ca, temp))
                .with("GITHUB_APP_ID", FakeTokenIssuer.APP_ID)
                .with("GITHUB_APP_INSTALLATION_ID", FakeTokenIssuer.INSTALLATION_ID)
                .with("GITHUB_APP_PRIVATE_KEY_PATH", keys.writeGitHubKey(temp).toString())
                .with("GOOGLE_APPLICATION_CREDENTIALS", keys.writeGoogleKeyFile(temp, issuer.tokenUri()).toString());
        Files.createDirectories(authsome.home());
        // the daemon of this home serves no shared proxy and no dashboard: their ports are other tests'
        Files.writeString(authsome.home().resolve("config.json"), "{\"daemon\": {\"proxy_port\": 0, \"ui_port\": 0}}");
    }

    @AfterEach
    void tearDown() {
        authsome.run("daemon", "stop");
        issuer.close();
    }

    @Test
    void noKeyJwtOrMintedTokenInOutputLogsOrTheHome() throws Exception {
        ok("--verbose", "login", "github-app", "--base-url", issuer.url());
        ok("--verbose", "login", "google-sa");
        assertEquals(2, issuer.mints());
        awaitDue();
        Authsome.Run traced = ok("--verbose", "get", "github-app");
        assertTrue(traced.err().contains("> POST " + issuer.url() + "/api/v3/app/installations/"), traced.toString());
        assertTrue(traced.err().contains("Bearer [redacted]"), traced.toString());
        ok("--verbose", "get", "google-sa", "--json");
        assertEquals(4, issuer.mints(), "each get minted");
        ok("list");
        ok("list", "--json");
        ok("inspect", "github-app");
        ok("inspect", "google-sa");

        int before = issuer.mints();
        ok("daemon", "start");
        awaitDue();
        ok("--verbose", "get", "github-app");
        ok("get", "google-sa", "--json");
        // every mint from now on is the daemon's: for a get, or by its background refresh a moment
        // before (then the get finds the token fresh), so count from the daemon's start
        assertTrue(issuer.mints() >= before + 2, "the daemon minted");

        issuer.revokeKey();
        awaitDue();
        Authsome.Run refused = run("--verbose", "get", "github-app", "--field", "access_token", "--show-secret");
        assertNotEquals(0, refused.exitCode(), refused.toString());
        // refused by the issuer now, or by the daemon's background refresh a moment before
        assertTrue(refused.err().contains("answered 401") || refused.err().contains("unauthorized"), refused.toString());
        Authsome.Run invalidGrant = run("export", "google-sa");
        assertNotEquals(0, invalidGrant.exitCode(), invalidGrant.toString());
        assertTrue(invalidGrant.err().contains("invalid_grant"), invalidGrant.toString());
        ok("log", "--json");
        ok("daemon", "stop");

        List<String> secrets = new ArrayList<>(keys.leakMarkers());
        secrets.addAll(issuer.tokens());
        for (String jwt : issuer.jwts()) {
            secrets.add(jwt.substring(0, jwt.lastIndexOf('.')));
            secrets.add(jwt.substring(jwt.lastIndexOf('.') + 1));
        }
        assertTrue(issuer.tokens().size() >= 6 && issuer.jwts().size() >= 8, "there was something to leak");
        assertTrue(Files.readString(authsome.home().resolve("logs/daemon.log")).contains("serves"),
                "the daemon's log was written");
        assertTrue(Files.readString(authsome.home().resolve("audit.log")).contains("\"refresh\""), "the mints were audited");
        for (Authsome.Run run : runs) {
            assertNoSecret(secrets, "the output of a command", run.out() + run.err());
        }
        try (Stream<Path> files = Files.walk(authsome.home())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertNoSecret(secrets, file.toString(), read(file));
            }
        }
    }

    @Test
    void exportHandsOutTheMintedToken() {
        // what the other test looks for, where it is meant to be: the markers are right
        ok("login", "github-app", "--base-url", issuer.url());
        Authsome.Run export = ok("export", "github-app", "--format", "json");
        // the newest token minted: a token lives 4 s, so on a slow machine export mints again
        assertEquals(issuer.tokens().get(issuer.tokens().size() - 1), export.json().get("GITHUB_TOKEN").asText());
    }

    private Authsome.Run ok(String... args) {
        Authsome.Run run = run(args);
        assertEquals(0, run.exitCode(), run.toString());
        return run;
    }

    private Authsome.Run run(String... args) {
        Authsome.Run run = authsome.run(args);
        runs.add(run);
        return run;
    }

    private static void awaitDue() throws InterruptedException {
        Thread.sleep(LIFETIME_SECONDS * 1000 / 2 + 500);
    }

    private static String read(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    }

    private static void assertNoSecret(List<String> secrets, String where, String text) {
        for (String secret : secrets) {
            assertFalse(text.contains(secret), where + " holds a secret (" + secret.length() + " characters)");
        }
    }
}
