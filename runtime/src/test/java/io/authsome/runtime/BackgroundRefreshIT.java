package io.authsome.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon renews a token as it comes due with nothing using it, against the real OAuth server
 * of the tests with its rotating refresh tokens (each works once), while one-shot processes of
 * the same home race it for the same token: single flight across processes, so never a double
 * refresh, never a used refresh token presented again, never an {@code invalid} connection.
 */
class BackgroundRefreshIT {
    @TempDir
    Path temp;
    Authsome authsome;
    FakeAuthorizationServer server;

    @BeforeEach
    void setUp() throws Exception {
        assumeFalse(Daemons.THROUGH_DAEMON, "starts and stops its own daemon");
        server = new FakeAuthorizationServer();
        authsome = new Authsome(temp.resolve("home"));
        Files.createDirectories(authsome.home());
        Files.writeString(authsome.home().resolve("config.json"), "{\"callback\": {\"port\": " + FreePorts.loopback()
                + "}}");
        Path provider = Files.writeString(temp.resolve("fake.json"), "{\"name\": \"fake\", \"auth_type\": \"oauth2\","
                + " \"api_url\": \"127.0.0.1:1\", \"oauth\": {\"authorization_url\": \"" + server.url("/authorize")
                + "\", \"token_url\": \"" + server.url("/token") + "\", \"scopes\": [\"read\"]}}");
        assertEquals(0, authsome.run("register", provider.toString()).exitCode());
    }

    @AfterEach
    void tearDown() {
        if (server != null) {
            authsome.run("daemon", "stop");
            server.close();
        }
    }

    private long backgroundRefreshes() throws Exception {
        return Files.readAllLines(authsome.home().resolve("audit.log")).stream()
                .filter(line -> line.contains("\"event\":\"refresh\"") && line.contains("\"by\":\"background\"")).count();
    }

    @Test
    void theDaemonRenewsADueTokenAloneAndOneShotProcessesRacingItNeverDoubleRefresh() throws Exception {
        server.nextAccessLifetime(4); // due at half its life: 2 s after the login
        assertEquals(0, BrowserUser.login(authsome, server.url("/authorize"), "fake").exitCode());
        server.nextAccessLifetime(6); // the daemon's renewal: due 3 s after it
        Authsome.Run start = authsome.run("daemon", "start");
        assertEquals(0, start.exitCode(), start.toString());

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        while (backgroundRefreshes() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(1, backgroundRefreshes(), "the daemon renewed the token with no command asking for it");
        assertEquals(1, server.refreshes());

        // The next renewal comes due while in-process commands read the token as fast as they can.
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<Authsome.Run>> runs = new ArrayList<>();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(6);
        authsome.with("AUTHSOME_NO_DAEMON", "1");
        try {
            for (int i = 0; i < 3; i++) {
                runs.add(pool.submit(() -> {
                    Authsome.Run last = null;
                    while (System.nanoTime() < until) {
                        last = authsome.run("get", "fake", "--field", "access_token", "--show-secret");
                        if (last.exitCode() != 0) {
                            return last;
                        }
                    }
                    return last;
                }));
            }
            for (Future<Authsome.Run> run : runs) {
                Authsome.Run last = run.get(120, TimeUnit.SECONDS);
                assertEquals(0, last.exitCode(), last.toString());
            }
        } finally {
            pool.shutdownNow();
            authsome.without("AUTHSOME_NO_DAEMON");
        }
        assertEquals("connected", authsome.run("get", "fake", "--field", "state").out().strip());
        String audit = Files.readString(authsome.home().resolve("audit.log"));
        assertFalse(audit.contains("refresh_failed"), "a used refresh token was never presented again: " + audit);
        long refreshEvents = audit.lines().filter(line -> line.contains("\"event\":\"refresh\"")).count();
        assertEquals(server.refreshes(), refreshEvents, "one refresh per renewal the server saw");
        assertTrue(server.refreshes() >= 2, "the second renewal happened during the race");
    }
}
