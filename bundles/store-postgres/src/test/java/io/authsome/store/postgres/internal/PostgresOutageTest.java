package io.authsome.store.postgres.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.config.Setting;
import io.authsome.api.config.StoreConfig;
import io.authsome.api.vault.Connection;
import io.authsome.api.vault.ConnectionState;
import io.authsome.api.vault.ProfileStore;
import io.authsome.api.vault.Secret;
import io.authsome.store.postgres.PostgresServer;
import io.authsome.store.postgres.TeamFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database stopped and started again under a runtime: commands fail at once with the store
 * and the cause named, a long-lived runtime serves the tokens it read until they expire (and
 * nothing that another runtime changed meanwhile), nothing is half-written, and all recover.
 */
class PostgresOutageTest {
    @TempDir
    Path temp;
    private PostgresServer server;
    private TeamFixture team;
    private Path home;
    private String url;

    @BeforeEach
    void start() throws Exception {
        server = PostgresServer.start();
        team = new TeamFixture(server, temp);
        home = team.home("alice");
        url = team.newDatabase();
    }

    @AfterEach
    void stop() {
        team.close();
        server.close();
    }

    @Test
    void aLongLivedRuntimeServesWhatItReadUntilItExpires() throws Exception {
        PostgresStore daemon = longLived();
        PostgresStore command = team.store(home, url, "alice");
        ProfileStore writer = command.profile("default");
        writer.write(Connection.apiKey("openai", "default", Secret.of("sk-kept"), Map.of(), Instant.now()), false);
        writer.write(token("github", Instant.now().plus(Duration.ofHours(1))), false);
        writer.write(token("slack", Instant.now().plusSeconds(2)), false);
        ProfileStore served = daemon.profile("default");
        served.connections();
        Thread.sleep(1000); // the daemon's listener is listening (it forgets everything when it starts)
        for (String provider : new String[] {"openai", "github", "slack"}) {
            served.read(provider, "default");
        }
        served.connections();

        server.stop();
        assertEquals("sk-kept", served.read("openai", "default").credential().orElseThrow().reveal());
        assertEquals("at-github", served.read("github", "default").credential().orElseThrow().reveal());
        assertEquals(3, served.connections().size());
        Thread.sleep(2500);
        AuthsomeException expired = assertThrows(AuthsomeException.class, () -> served.read("slack", "default"));
        assertEquals(ErrorCode.RUNTIME_UNAVAILABLE, expired.code(), "an expired token is not served from memory");
        AuthsomeException down = assertThrows(AuthsomeException.class, () -> writer.read("openai", "default"));
        assertEquals(ErrorCode.RUNTIME_UNAVAILABLE, down.code());
        assertTrue(down.getMessage().startsWith("the postgres store at " + url + " cannot be reached"), down.getMessage());
        assertEquals(ErrorCode.RUNTIME_UNAVAILABLE, assertThrows(AuthsomeException.class,
                () -> writer.write(token("gitlab", Instant.now().plusSeconds(60)), false)).code());

        server.restart();
        assertEquals("at-github", eventually(() -> writer.read("github", "default")).credential().orElseThrow().reveal());
        assertEquals("at-github", eventually(() -> served.read("github", "default")).credential().orElseThrow().reveal());
        assertEquals(3, writer.connections().size(), "the write refused during the outage left nothing behind");
    }

    @Test
    void whoHoldsARefreshLockReadsOnlyFromTheDatabase() throws Exception {
        PostgresStore daemon = longLived();
        ProfileStore served = daemon.profile("default");
        served.write(token("github", Instant.now().plus(Duration.ofHours(1))), false);
        Thread.sleep(1000); // the write's own announcement has dropped what was kept of github
        served.read("github", "default");
        daemon.withRefreshLock("default", "github", "default", () -> {
            server.stop();
            // What a refresh reads must be the stored record now: a kept one may hold a used refresh token.
            AuthsomeException down = assertThrows(AuthsomeException.class, () -> served.read("github", "default"));
            assertEquals(ErrorCode.RUNTIME_UNAVAILABLE, down.code());
            return null;
        });
        assertEquals("at-github", served.read("github", "default").credential().orElseThrow().reveal(),
                "outside the lock, the kept token serves through the outage");
    }

    @Test
    void aChangeElsewhereDropsWhatALongLivedRuntimeKept() throws Exception {
        PostgresStore daemon = longLived();
        ProfileStore writer = team.store(home, url, "alice").profile("default");
        writer.write(Connection.apiKey("openai", "default", Secret.of("sk-old"), Map.of(), Instant.now()), false);
        ProfileStore served = daemon.profile("default");
        assertEquals("sk-old", served.read("openai", "default").credential().orElseThrow().reveal());
        Thread.sleep(1500); // the listener's session, opened with the store, is listening
        writer.delete("openai", "default");
        Thread.sleep(1500); // the announcement is heard
        server.stop();
        AuthsomeException gone = assertThrows(AuthsomeException.class, () -> served.read("openai", "default"));
        assertEquals(ErrorCode.RUNTIME_UNAVAILABLE, gone.code(), "a deleted connection is not served from memory");
    }

    @Test
    void writesDuringARestartAreWholeOrAbsent() throws Exception {
        ProfileStore store = team.store(home, url, "alice").profile("default");
        store.write(Connection.apiKey("openai", "default", Secret.of("sk"), Map.of("count", "0"), Instant.now()), false);
        AtomicInteger succeeded = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger unknown = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread load = new Thread(() -> {
            while (running.get()) {
                try {
                    store.update("openai", "default", c -> c.withAttributes(Map.of("count",
                            String.valueOf(Integer.parseInt(c.attributes().get("count")) + 1)), Instant.now()));
                    succeeded.incrementAndGet();
                } catch (AuthsomeException e) {
                    assertEquals(ErrorCode.RUNTIME_UNAVAILABLE, e.code(), e.getMessage());
                    refused.incrementAndGet();
                    if (e.getMessage().contains("it may have been made or not")) {
                        unknown.incrementAndGet(); // the commit went out, its answer never came
                    }
                    LockSupport.parkNanos(20_000_000);
                }
            }
        });
        load.start();
        Thread.sleep(500);
        server.stop();
        Thread.sleep(1500);
        server.restart();
        Thread.sleep(3000);
        running.set(false);
        load.join();
        assertTrue(refused.get() > 0, "some updates met the outage");
        int count = Integer.parseInt(eventually(() -> store.read("openai", "default")).attributes().get("count"));
        assertTrue(count >= succeeded.get() && count <= succeeded.get() + unknown.get(), "every update that"
                + " succeeded is there, and none that was refused outright: " + count + " for " + succeeded.get()
                + " succeeded and " + unknown.get() + " whose commit had no answer");
        System.out.printf("restart under load: %d updates, %d refused while down (%d with no answer to the commit)%n",
                succeeded.get(), refused.get(), unknown.get());
    }

    private PostgresStore longLived() {
        return team.store(home, new StoreConfig(Setting.of(StoreConfig.POSTGRES), url, server.user(), "db.password",
                "alice"), true);
    }

    private static Connection token(String provider, Instant expires) {
        Instant now = Instant.now();
        return new Connection(provider, "default", ConnectionState.CONNECTED,
                Map.of(Connection.ACCESS_TOKEN, Secret.of("at-" + provider)), Map.of(), now, now, expires);
    }

    private interface Call<T> {
        T call() throws AuthsomeException;
    }

    /** The call's result once the database answers again (the back-off is at most 30 s). */
    private static <T> T eventually(Call<T> call) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
        while (true) {
            try {
                return call.call();
            } catch (AuthsomeException e) {
                if (e.code() != ErrorCode.RUNTIME_UNAVAILABLE || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }
}
