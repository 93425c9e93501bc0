package io.authsome.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Refresh and revocation against a real authorization server on loopback: the access token is
 * renewed before it expires, once however many processes ask at the same moment; a rejected
 * refresh leaves the connection invalid with the command that fixes it; revoke calls the
 * provider and removes the connection.
 */
class RefreshIT {
    /** The login's access token lives this long; it is renewed from half its lifetime on. */
    private static final long LIFETIME_SECONDS = 10;

    @TempDir
    Path temp;
    Authsome authsome;
    FakeAuthorizationServer server;
    long loggedIn;

    @BeforeEach
    void setUp() throws Exception {
        server = new FakeAuthorizationServer();
        authsome = new Authsome(temp.resolve("home"));
        Files.createDirectories(authsome.home());
        int port;
        port = FreePorts.loopback();
        Files.writeString(authsome.home().resolve("config.json"), "{\"callback\": {\"port\": " + port + "}}");
        Path provider = Files.writeString(temp.resolve("fake.json"), "{\"name\": \"fake\", \"auth_type\": \"oauth2\","
                + " \"api_url\": \"127.0.0.1:1\", \"oauth\": {\"authorization_url\": \"" + server.url("/authorize")
                + "\", \"token_url\": \"" + server.url("/token") + "\", \"revocation_url\": \"" + server.url("/revoke")
                + "\", \"scopes\": [\"read\"]}}");
        assertEquals(0, authsome.run("register", provider.toString()).exitCode());
        server.nextAccessLifetime(LIFETIME_SECONDS);
        assertEquals(0, BrowserUser.login(authsome, server.url("/authorize"), "fake").exitCode());
        loggedIn = System.nanoTime();
    }

    /**
     * Waits until the login's token is due for renewal: half its lifetime after it was issued,
     * which was before the login returned. Until then a command uses it as it is, however slow
     * the machine (a command that starts the runtime takes one to two seconds).
     */
    private void awaitRenewalDue() throws InterruptedException {
        long due = loggedIn + TimeUnit.MILLISECONDS.toNanos(LIFETIME_SECONDS * 1000 / 2 + 500);
        long wait = due - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    void eightProcessesAtOnceCauseOneRefreshAndAllGetTheNewToken() throws Exception {
        assertEquals("access-2", token(authsome.run("get", "fake", "--field", "access_token", "--show-secret")));
        awaitRenewalDue();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Authsome.Run>> runs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                runs.add(pool.submit(() -> authsome.run("get", "fake", "--field", "access_token", "--show-secret")));
            }
            Set<String> tokens = new HashSet<>();
            for (Future<Authsome.Run> run : runs) {
                Authsome.Run result = run.get();
                assertEquals(0, result.exitCode(), result.toString());
                tokens.add(token(result));
            }
            assertEquals(1, server.refreshes(), "refresh requests the server saw");
            assertEquals(Set.of("access-3"), tokens);
        } finally {
            pool.shutdownNow();
        }
        JsonNode events = authsome.run("log", "--json").json().get("events");
        assertEquals(1, events.findValuesAsText("event").stream().filter("refresh"::equals).count());
    }

    @Test
    void aRejectedRefreshLeavesTheConnectionInvalidAndSaysHowToRecover() throws Exception {
        server.revokeAllGrants();
        awaitRenewalDue();
        Authsome.Run run = authsome.run("get", "fake", "--field", "access_token", "--show-secret");
        assertEquals(5, run.exitCode(), run.toString());
        assertTrue(run.err().contains("invalid_grant"), run.err());
        assertTrue(run.err().contains("authsome revoke fake then authsome login fake"), run.err());
        assertEquals("invalid", authsome.run("get", "fake", "--json").json().get("state").asText());
        JsonNode list = authsome.run("list", "--json").json();
        for (JsonNode provider : list.get("providers")) {
            if (provider.get("name").asText().equals("fake")) {
                assertEquals("invalid", provider.get("state").asText());
            }
        }
    }

    @Test
    void revokeCallsTheProviderForBothTokensAndRemovesTheConnection() {
        Authsome.Run run = authsome.run("revoke", "fake");
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(List.of("refresh_token", "access_token"), server.revoked());
        assertEquals(3, authsome.run("get", "fake").exitCode());
    }

    @Test
    void revokeRemovesLocallyEvenWhenTheProviderIsDown() {
        server.close();
        Authsome.Run run = authsome.run("revoke", "fake");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.err().contains("warning:"), run.err());
        assertEquals(3, authsome.run("get", "fake").exitCode());
    }

    private static String token(Authsome.Run run) {
        return run.out().strip();
    }
}
