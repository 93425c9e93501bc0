package io.authsome.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One command per process: exit codes, messages and --json output of the built distribution. */
class OneShotIT {
    static final String CUSTOM = """
            {"schema_version": 1, "name": "acme", "display_name": "Acme", "auth_type": "api_key",
             "api_url": "api.acme.dev", "api_key": {"header_name": "X-Api-Key", "env_var": "ACME_KEY"}}
            """;
    static final String GITHUB_COPY = """
            {"name": "my-github", "auth_type": "oauth2", "api_url": "api.github.com",
             "oauth": {"authorization_url": "https://github.com/login/oauth/authorize",
                       "token_url": "https://github.com/login/oauth/access_token", "scopes": ["repo", "gist"]}}
            """;

    @TempDir
    Path temp;
    Authsome authsome;

    @BeforeEach
    void newHome() {
        authsome = new Authsome(temp.resolve("home"));
    }

    @Test
    void versionExitsZeroAndCreatesAPrivateHome() throws IOException {
        Authsome.Run run = authsome.run("version");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().startsWith("authsome "), run.out());
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(authsome.home())));
    }

    @Test
    void listShowsEveryBundledProviderAsAvailable() {
        JsonNode providers = authsome.run("list", "--json").json().get("providers");
        assertEquals(48, providers.size());
        for (JsonNode provider : providers) {
            assertEquals("bundled", provider.get("source").asText());
            assertEquals("available", provider.get("state").asText());
        }
    }

    @Test
    void unknownProviderExitsFourWithSuggestion() {
        Authsome.Run run = authsome.run("inspect", "githb");
        assertEquals(4, run.exitCode(), run.toString());
        assertTrue(run.err().contains("unknown provider 'githb'") && run.err().contains("github"), run.err());
        assertTrue(run.err().contains("authsome register"), run.err());
    }

    @Test
    void unknownOptionExits64() {
        Authsome.Run run = authsome.run("list", "--bogus");
        assertEquals(64, run.exitCode(), run.toString());
        assertTrue(run.err().contains("--bogus"), run.err());
        assertEquals(64, authsome.run("frobnicate").exitCode());
    }

    @Test
    void invalidDefinitionExits65NamingFileAndField() throws IOException {
        Path file = write("broken.json", """
                {"name": "broken", "auth_type": "oauth2", "api_url": "api.broken.dev",
                 "oauth": {"authorization_url": "https://broken.dev/authorize"}}
                """);
        Authsome.Run run = authsome.run("register", file.toString());
        assertEquals(65, run.exitCode(), run.toString());
        assertTrue(run.err().contains(file + ": oauth.token_url: required"), run.err());
        assertFalse(Files.exists(authsome.home().resolve("providers/broken.json")));
    }

    @Test
    void registerIsLiveAndUnregisterTakesItAway() throws IOException {
        Path file = write("acme.json", CUSTOM);
        Authsome.Run registered = authsome.run("register", file.toString(), "--json");
        assertEquals(0, registered.exitCode(), registered.toString());
        assertEquals("acme", registered.json().get("registered").asText());
        JsonNode acme = authsome.run("inspect", "acme", "--json").json();
        assertEquals("custom", acme.get("source").asText());
        assertEquals("X-Api-Key: {token}", acme.get("injects").asText());

        Authsome.Run again = authsome.run("register", file.toString());
        assertEquals(7, again.exitCode(), again.toString());
        assertEquals(0, authsome.run("register", file.toString(), "--force").exitCode());

        assertEquals(0, authsome.run("remove", "acme").exitCode());
        assertEquals(0, authsome.run("inspect", "acme").exitCode(), "remove took the definition away");
        assertEquals(0, authsome.run("unregister", "acme").exitCode());
        assertEquals(4, authsome.run("inspect", "acme").exitCode());
    }

    @Test
    void reRegisteringAProviderForMoreScopesPointsToLoginScopes() throws IOException {
        Path file = write("my-github.json", GITHUB_COPY);
        Authsome.Run run = authsome.run("register", file.toString());
        assertEquals(7, run.exitCode(), run.toString());
        assertTrue(run.err().contains("duplicates provider 'github'"), run.err());
        assertTrue(run.err().contains("authsome login github --scopes"), run.err());
        Authsome.Run forced = authsome.run("register", file.toString(), "--force");
        assertEquals(0, forced.exitCode(), forced.toString());
    }

    @Test
    void bundledProviderCannotBeUnregisteredButIsReset() {
        Authsome.Run run = authsome.run("remove", "github", "--json");
        assertEquals(0, run.exitCode(), run.toString());
        assertFalse(run.json().get("client_removed").asBoolean());
        assertEquals(4, authsome.run("unregister", "github").exitCode());
        assertEquals(0, authsome.run("inspect", "github").exitCode());
    }

    @Test
    void doctorFailsOnABrokenCustomProviderAndNamesIt() throws IOException {
        assertEquals(0, authsome.run("doctor").exitCode());
        Path providers = Files.createDirectories(authsome.home().resolve("providers"));
        Files.writeString(providers.resolve("bad.json"), "{\"name\": \"bad\", \"auth_type\": \"api_key\"}");
        Authsome.Run run = authsome.run("doctor", "--json");
        assertEquals(1, run.exitCode(), run.toString());
        JsonNode findings = run.json().get("findings");
        boolean named = false;
        for (JsonNode finding : findings) {
            named |= finding.get("status").asText().equals("FAIL")
                    && finding.get("message").asText().contains("bad.json: api_url");
        }
        assertTrue(named, findings.toString());
        assertTrue(authsome.run("list").out().contains("rejected"));
    }

    @Test
    void everyCommandAndErrorPrintsOneJsonDocument() {
        List<String[]> commands = new ArrayList<>(List.of(
                new String[] {"help"}, new String[] {"help", "list"}, new String[] {"version"},
                new String[] {"list"}, new String[] {"inspect", "google"}, new String[] {"bundles"},
                new String[] {"doctor"}, new String[] {"inspect", "nope"}, new String[] {"list", "--bogus"}));
        for (String[] command : commands) {
            List<String> args = new ArrayList<>(List.of(command));
            args.add(0, "--json");
            Authsome.Run run = authsome.run(args.toArray(String[]::new));
            JsonNode json = run.json();
            if (run.exitCode() != 0) {
                assertEquals(run.exitCode(), json.get("exit_code").asInt(), run.toString());
                assertTrue(json.hasNonNull("error") && json.hasNonNull("message"), run.toString());
            }
        }
    }

    @Test
    void bundlesListsEveryBundleActiveWithItsProvider() {
        JsonNode bundles = authsome.run("bundles", "--json").json().get("bundles");
        boolean github = false;
        for (JsonNode bundle : bundles) {
            assertEquals("active", bundle.get("state").asText(), bundle.toString());
            github |= bundle.get("providers").toString().equals("[\"github\"]");
        }
        assertTrue(github, bundles.toString());
    }

    @Test
    void moreParallelProcessesThanCacheSlotsAllSucceed() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Authsome.Run>> runs = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                runs.add(pool.submit(() -> authsome.run("list", "--json")));
            }
            for (Future<Authsome.Run> future : runs) {
                Authsome.Run run = future.get();
                assertEquals(0, run.exitCode(), run.toString());
                assertEquals(48, run.json().get("providers").size());
                assertEquals("", run.err());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(temp.resolve(name), content);
    }
}
