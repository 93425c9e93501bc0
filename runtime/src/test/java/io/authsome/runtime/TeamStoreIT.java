package io.authsome.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.authsome.store.postgres.PostgresServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three homes, as on three machines, sharing one PostgreSQL store ({@code store.backend
 * postgres}): a login in one is usable in the others at once, and a token that is due is refreshed
 * once for all of them, even when the runtime that holds the refresh lock is killed mid-refresh. The
 * custom provider they use is registered in one home only: the store shares it.
 * The authorization server rotates refresh tokens: a used one presented again is refused, which
 * would end the session.
 */
class TeamStoreIT {
    /** The login's access token lives this long; it is renewed from half its lifetime on. */
    private static final long LIFETIME_SECONDS = 10;

    @TempDir
    static Path serverTemp;
    private static PostgresServer database;
    private static int databases;

    @TempDir
    Path temp;
    FakeAuthorizationServer server;
    List<Authsome> homes = new ArrayList<>();
    long loggedIn;

    @BeforeAll
    static void startDatabase() {
        database = PostgresServer.start();
    }

    @AfterAll
    static void stopDatabase() {
        database.close();
    }

    @BeforeEach
    void setUp() throws Exception {
        server = new FakeAuthorizationServer();
        String url = database.createDatabase("team_it_" + ++databases);
        Path provider = Files.writeString(temp.resolve("fake.json"), "{\"name\": \"fake\", \"auth_type\": \"oauth2\","
                + " \"api_url\": \"127.0.0.1:1\", \"oauth\": {\"authorization_url\": \"" + server.url("/authorize")
                + "\", \"token_url\": \"" + server.url("/token") + "\", \"scopes\": [\"read\"]}}");
        for (String member : List.of("alice", "ci-1", "ci-2")) {
            Authsome home = new Authsome(temp.resolve(member));
            Files.createDirectories(home.home());
            Path password = home.home().resolve("db.password");
            Files.writeString(password, database.password() + "\n", StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
            Files.writeString(home.home().resolve("config.json"), "{\"callback\": {\"port\": " + FreePorts.loopback()
                    + "}, \"store\": {\"backend\": \"postgres\", \"url\": \"" + url + "\", \"user\": \""
                    + database.user() + "\", \"password_file\": \"db.password\", \"member\": \"" + member + "\"}}");
            homes.add(home);
        }
        // Registered in one home: a custom provider of the store, which the others copy at their next command.
        Authsome.Run registered = homes.get(0).run("register", provider.toString());
        assertEquals(0, registered.exitCode(), registered.toString());
        server.nextAccessLifetime(LIFETIME_SECONDS);
        Authsome.Run login = BrowserUser.login(homes.get(0), server.url("/authorize"), "fake");
        assertEquals(0, login.exitCode(), login.toString());
        loggedIn = System.nanoTime();
        for (Authsome other : homes.subList(1, 3)) {
            String key = other.run("vault", "members", "self", "--json").json().get("public_key").asText();
            String name = other.home().getFileName().toString();
            Authsome.Run added = homes.get(0).run("vault", "members", "add", name, key);
            assertEquals(0, added.exitCode(), added.toString());
        }
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    void aLoginInOneHomeIsUsableInTheOthersAtOnce() {
        for (Authsome home : homes) {
            Authsome.Run get = home.run("get", "fake", "--field", "access_token", "--show-secret");
            assertEquals(0, get.exitCode(), get.toString());
            // the login's token, or the one that replaced it once it came due (the setup takes seconds)
            assertEquals("access-" + (2 + server.refreshes()), get.out().strip(), get.toString());
        }
        assertTrue(server.refreshes() <= 1);
        assertEquals(0, server.rejectedRefreshes());
        Authsome.Run members = homes.get(2).run("vault", "members", "list", "--json");
        assertEquals(3, members.json().get("members").size(), members.toString());

        // The team's trail has every home's events, each with where it came from; audit.log, the home's own.
        Authsome.Run team = homes.get(2).run("log", "-n", "100", "--json");
        assertEquals(0, team.exitCode(), team.toString());
        boolean loginByAlice = false;
        for (com.fasterxml.jackson.databind.JsonNode event : team.json().get("events")) {
            loginByAlice |= event.get("event").asText().equals("login") && event.get("member").asText().equals("alice")
                    && event.get("runtime").asText().matches("(command|daemon) [0-9]+") && event.hasNonNull("host");
        }
        assertTrue(loginByAlice, team.toString());
        Authsome.Run local = homes.get(2).run("log", "--local", "-n", "100", "--json");
        assertFalse(local.out().contains("\"login\""), local.toString());
    }

    @Test
    void twentyFourGetsOverThreeHomesCauseOneRefresh() throws Exception {
        awaitRenewalDue();
        ExecutorService pool = Executors.newFixedThreadPool(24);
        try {
            List<Future<Authsome.Run>> runs = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                Authsome home = homes.get(i % 3);
                runs.add(pool.submit(() -> home.run("get", "fake", "--field", "access_token", "--show-secret")));
            }
            Set<String> tokens = new HashSet<>();
            for (Future<Authsome.Run> run : runs) {
                Authsome.Run result = run.get();
                assertEquals(0, result.exitCode(), result.toString());
                tokens.add(result.out().strip());
            }
            assertEquals(1, server.refreshes(), "refresh requests the authorization server saw");
            assertEquals(Set.of("access-3"), tokens);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(0, server.rejectedRefreshes());
        Authsome.Run later = homes.get(2).run("get", "fake", "--field", "access_token", "--show-secret");
        assertEquals("access-3", later.out().strip(), "the session survives: " + later);
    }

    @Test
    void aRuntimeKilledMidRefreshBlocksNoOneAndNoRefreshTokenIsUsedTwice() throws Exception {
        awaitRenewalDue();
        FakeAuthorizationServer.HeldRefresh held = server.holdNextRefresh();
        Process holder = homes.get(1).start("get", "fake", "--field", "access_token", "--show-secret");
        held.awaitArrival();
        CompletableFuture<Authsome.Run> waiter = CompletableFuture.supplyAsync(
                () -> homes.get(2).run("get", "fake", "--field", "access_token", "--show-secret"));
        Thread.sleep(2000);
        assertFalse(waiter.isDone(), "the other home waits for the refresh lock");
        long killed = System.nanoTime();
        holder.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        held.release();
        Authsome.Run result = waiter.get(60, TimeUnit.SECONDS);
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals("access-3", result.out().strip());
        assertTrue(waited < 15_000, "the lock was released with the killed runtime, not after a timeout: " + waited + " ms");
        assertEquals(0, server.rejectedRefreshes(), "no refresh token was presented twice");
        Authsome.Run later = homes.get(0).run("get", "fake", "--field", "access_token", "--show-secret");
        assertEquals("access-3", later.out().strip(), later.toString());
    }

    /** Waits until the login's token is due for renewal: half its lifetime after it was issued. */
    private void awaitRenewalDue() throws InterruptedException {
        long due = loggedIn + TimeUnit.MILLISECONDS.toNanos(LIFETIME_SECONDS * 1000 / 2 + 500);
        long wait = due - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }
}
