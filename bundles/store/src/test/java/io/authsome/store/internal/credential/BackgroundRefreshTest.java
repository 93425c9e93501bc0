package io.authsome.store.internal.credential;

import io.authsome.api.audit.AuditEvent;
import io.authsome.api.credential.TokenRenewer;
import io.authsome.api.vault.Connection;
import io.authsome.api.vault.ConnectionState;
import io.authsome.api.vault.ProfileStore;
import io.authsome.api.vault.Secret;
import io.authsome.common.home.DaemonRuntime;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.reflect.Proxy;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The daemon's background refresh over a real vault, real lock files and the store's resolver,
 * with a fake token endpoint: what it renews and when it looks again (on a clock the test moves),
 * how it backs off, that a rejected connection waits for a new login, that it never refreshes
 * twice what another refresher renewed (in this process and in another), and that it runs only in
 * the daemon and stops without leaving a lock held.
 */
class BackgroundRefreshTest {
    /** Long enough to never be reached unless something is broken. */
    private static final long PATIENCE_SECONDS = 60;

    @TempDir
    Path home;

    @TempDir
    Path server;

    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicReference<TokenRenewer.Renewal> answer = new AtomicReference<>();
    private final Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private ResolverFixture fixture;
    private ProfileStore store;
    private BackgroundRefresh background;

    @BeforeEach
    void setUp() {
        fixture = new ResolverFixture(home, (provider, connection, client, trace) -> {
            calls.incrementAndGet();
            return answer.get();
        });
        store = fixture.store();
        background = fixture.background();
        at(start);
    }

    @Test
    void aTokenDueWithinTheLeadIsRenewedAndOneFarFromExpiryIsNot() throws Exception {
        store.write(ResolverFixture.token("due", "old", "rt", start.plusSeconds(120)), false);
        store.write(ResolverFixture.token("far", "old", "rt", start.plusSeconds(3600)), false);
        answer.set(renewed("new"));

        assertEquals(start, background.pass(), "after a renewal it reads the new expiry at once");
        assertEquals(1, calls.get());
        assertEquals("new", store.read("github", "due").secrets().get(Connection.ACCESS_TOKEN).reveal());
        assertEquals("old", store.read("github", "far").secrets().get(Connection.ACCESS_TOKEN).reveal());
        AuditEvent event = fixture.events().get(0);
        assertEquals("refresh", event.event());
        assertEquals("due", event.connection());
        assertEquals(Map.of("by", "background"), event.details());

        assertEquals(start.plus(BackgroundRefresh.LONGEST_SLEEP), background.pass(),
                "nothing due within the longest sleep: it looks again then, for new logins and a changed lead");
        assertEquals(1, calls.get());

        // Due 300 s (the lead) before its expiry: 30 s from now, which is when it wakes.
        store.write(ResolverFixture.token("soon", "old", "rt", start.plusSeconds(330)), false);
        assertEquals(start.plusSeconds(30), background.pass());
        assertEquals(1, calls.get());
    }

    @Test
    void aTransientFailureIsRetriedWithABackoffThatDoublesAndResetsOnSuccess() throws Exception {
        store.write(ResolverFixture.token("default", "old", "rt", start.plusSeconds(120)), false);
        answer.set(TokenRenewer.Renewal.failed(TokenRenewer.Failure.TRANSIENT, "timeout", "the endpoint timed out"));

        background.pass();
        assertEquals(1, calls.get());
        assertEquals(ConnectionState.CONNECTED, store.read("github", "default").state(), "the token still serves");
        AuditEvent failed = fixture.events().get(0);
        assertEquals("refresh_failed", failed.event());
        assertEquals("background", failed.details().get("by"));
        assertEquals("timeout", failed.details().get("reason"));

        assertEquals(start.plusSeconds(30), background.pass(), "held back 30 s");
        assertEquals(1, calls.get());
        at(start.plusSeconds(30));
        background.pass();
        assertEquals(2, calls.get());
        at(start.plusSeconds(89));
        assertEquals(start.plusSeconds(90), background.pass(), "then 60 s");
        assertEquals(2, calls.get());

        answer.set(renewed("new"));
        at(start.plusSeconds(90));
        background.pass();
        assertEquals(3, calls.get());
        assertEquals("new", store.read("github", "default").secrets().get(Connection.ACCESS_TOKEN).reveal());

        // A token it renewed is not renewed again within 30 s, whatever its expiry says.
        store.write(ResolverFixture.token("default", "again", "rt", start.plusSeconds(110)), true);
        answer.set(TokenRenewer.Renewal.failed(TokenRenewer.Failure.TRANSIENT, "timeout", "the endpoint timed out"));
        assertEquals(start.plusSeconds(120), background.pass());
        assertEquals(3, calls.get());

        // The backoff of a new failure starts again at 30 s.
        at(start.plusSeconds(120));
        background.pass();
        assertEquals(4, calls.get());
        assertEquals(start.plusSeconds(150), background.pass());
    }

    @Test
    void theBackoffDoublesUpToFifteenMinutes() {
        List<Long> seconds = new ArrayList<>();
        for (int failures = 1; failures <= 8; failures++) {
            seconds.add(BackgroundRefresh.backoff(failures).toSeconds());
        }
        assertEquals(List.of(30L, 60L, 120L, 240L, 480L, 900L, 900L, 900L), seconds);
    }

    @Test
    void anExpiredTokenThatCannotBeRefreshedStaysExpiredAndIsRetried() throws Exception {
        store.write(ResolverFixture.token("default", "old", "rt", start.minusSeconds(10)), false);
        answer.set(TokenRenewer.Renewal.failed(TokenRenewer.Failure.TRANSIENT, "unreachable", "connection refused"));

        background.pass();
        assertEquals(ConnectionState.EXPIRED, store.read("github", "default").state());
        assertEquals("expired", fixture.events().get(0).details().get("state"));
        at(start.plusSeconds(30));
        answer.set(renewed("new"));
        background.pass();
        assertEquals(2, calls.get());
        assertEquals(ConnectionState.CONNECTED, store.read("github", "default").state());
    }

    @Test
    void aRejectedRefreshMakesTheConnectionInvalidAndIsNotRetriedUntilANewLogin() throws Exception {
        store.write(ResolverFixture.token("default", "old", "rt", start.plusSeconds(120)), false);
        answer.set(TokenRenewer.Renewal.failed(TokenRenewer.Failure.REJECTED_GRANT, "invalid_grant", "rejected"));

        background.pass();
        assertEquals(ConnectionState.INVALID, store.read("github", "default").state());
        AuditEvent failed = fixture.events().get(0);
        assertEquals(Map.of("by", "background", "reason", "invalid_grant", "state", "invalid"), failed.details());

        at(start.plus(Duration.ofDays(1)));
        assertEquals(start.plus(Duration.ofDays(1)).plus(BackgroundRefresh.LONGEST_SLEEP), background.pass());
        assertEquals(1, calls.get(), "an invalid connection is not presented again");

        store.write(ResolverFixture.token("default", "login", "rt2", start.plusSeconds(60)), true);
        answer.set(renewed("new"));
        background.pass();
        assertEquals(2, calls.get(), "a new login is watched again");
    }

    @Test
    void aTokenThatCannotBeRenewedIsLeftAlone() throws Exception {
        Instant issued = start.minusSeconds(3500);
        store.write(new Connection("github", "default", ConnectionState.CONNECTED,
                Map.of(Connection.ACCESS_TOKEN, Secret.of("only")), Map.of(Connection.FLOW, "pkce"), issued, issued,
                start.plusSeconds(100)), false);

        // Due by the index (which cannot tell that there is no refresh token); nothing to do once read.
        assertEquals(start, background.pass());
        assertEquals(start.plus(BackgroundRefresh.LONGEST_SLEEP), background.pass(), "not tried again at once");
        assertEquals(0, calls.get());
        assertTrue(fixture.events().isEmpty());
    }

    @Test
    void aLockedVaultIsSkippedWithoutAskingForThePassphrase() throws Exception {
        assumeTrue(System.getenv("AUTHSOME_PASSPHRASE") == null, "a passphrase in the environment unlocks the vault");
        store.write(ResolverFixture.token("default", "old", "rt", start.plusSeconds(120)), false);
        fixture.vault.rekey("passphrase", Secret.of("a passphrase long enough"));
        answer.set(renewed("new"));

        // Another process of the home, which has not taken the passphrase.
        ResolverFixture other = new ResolverFixture(home, (provider, connection, client, trace) -> {
            calls.incrementAndGet();
            return answer.get();
        });
        BackgroundRefresh locked = other.background();
        locked.clock = Clock.fixed(start, ZoneOffset.UTC);
        assertEquals(start.plus(BackgroundRefresh.LONGEST_SLEEP), locked.pass());
        assertEquals(0, calls.get());

        // This process took it (it set it): the vault opens, the token is renewed.
        background.pass();
        assertEquals(1, calls.get());
    }

    @Test
    void theComponentAndAOneShotCallRacingOnARotatingRefreshTokenRenewItOnce() throws Exception {
        RotatingServer endpoint = RotatingServer.start(server, "rt-0", 300);
        ResolverFixture rotating = new ResolverFixture(home, endpoint);
        rotating.store().write(ResolverFixture.token("default", "at-0", "rt-0", Instant.now().plusSeconds(120)), true);
        BackgroundRefresh component = rotating.background();

        CountDownLatch go = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread oneShot = new Thread(() -> {
            try {
                go.await();
                rotating.resolver.resolve("default", "github", "default");
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        oneShot.start();
        go.countDown();
        component.pass();
        oneShot.join(TimeUnit.SECONDS.toMillis(PATIENCE_SECONDS));
        assertNull(failure.get());

        assertEquals(List.of("rt-0"), endpoint.presented(), "one renewal, the used refresh token never again");
        Connection stored = rotating.store().read("github", "default");
        assertEquals(ConnectionState.CONNECTED, stored.state());
        assertEquals(endpoint.current(), stored.secrets().get(Connection.REFRESH_TOKEN).reveal());
        assertEquals(List.of("refresh"), rotating.events().stream().map(AuditEvent::event).toList());
    }

    @Test
    @Timeout(PATIENCE_SECONDS)
    void theComponentAndAOneShotGetInAnotherProcessRenewARotatingRefreshTokenOnce() throws Exception {
        RotatingServer endpoint = RotatingServer.start(server, "rt-0", 300);
        ResolverFixture rotating = new ResolverFixture(home, endpoint);
        rotating.store().write(ResolverFixture.token("default", "at-0", "rt-0", Instant.now().plusSeconds(120)), true);
        BackgroundRefresh component = rotating.background();

        ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
                "-XX:+UseSerialGC", "-Xshare:auto", "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                RefreshChild.class.getName(), home.toString(), server.toString(), "300");
        builder.environment().remove("AUTHSOME_PASSPHRASE");
        builder.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process child = builder.start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            assertEquals("ready", out.readLine());
            child.getOutputStream().write("go\n".getBytes(StandardCharsets.UTF_8));
            child.getOutputStream().flush();
            component.pass();
            assertEquals("resolved connected", out.readLine());
            assertTrue(child.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS));
            assertEquals(0, child.exitValue());
        } finally {
            child.destroyForcibly();
        }

        assertEquals(List.of("rt-0"), endpoint.presented(), "one renewal, the used refresh token never again");
        Connection stored = rotating.store().read("github", "default");
        assertEquals(ConnectionState.CONNECTED, stored.state());
        assertEquals(endpoint.current(), stored.secrets().get(Connection.REFRESH_TOKEN).reveal());
    }

    @Test
    void outsideTheDaemonNothingStarts() throws Exception {
        store.write(ResolverFixture.token("default", "old", "rt", start.plusSeconds(120)), false);
        AtomicInteger got = new AtomicInteger();
        BackgroundRefresh oneShot = fixture.unopened(got);
        oneShot.activate(context(null));
        assertFalse(refreshThreadRuns(), "a one-shot command starts no thread");
        assertEquals(0, got.get(), "nor activates the services it would use");
        oneShot.deactivate();
        assertEquals(0, calls.get());
    }

    @Test
    void inTheDaemonItRefreshesInItsThreadAndStopsWithoutLeavingTheLockHeld() throws Exception {
        store.write(ResolverFixture.token("default", "old", "rt", Instant.now().plusSeconds(120)), false);
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ResolverFixture daemon = new ResolverFixture(home, (provider, connection, client, trace) -> {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return renewed("new");
        });
        BackgroundRefresh component = daemon.unopened(new AtomicInteger());
        component.activate(context("true"));
        assertTrue(entered.await(PATIENCE_SECONDS, TimeUnit.SECONDS), "the thread renews a due token unasked");
        assertTrue(refreshThreadRuns());

        // Stopped with a renewal in flight: the renewal finishes (its new tokens are saved), then the thread ends.
        Thread stopping = new Thread(component::deactivate);
        stopping.start();
        release.countDown();
        stopping.join(TimeUnit.SECONDS.toMillis(PATIENCE_SECONDS));
        assertFalse(stopping.isAlive());
        assertFalse(refreshThreadRuns());
        assertEquals("new", store.read("github", "default").secrets().get(Connection.ACCESS_TOKEN).reveal());
        assertEquals("background", daemon.events().get(0).details().get("by"));
        try (FileChannel channel = FileChannel.open(home.resolve("locks/default/github/default.lock"),
                StandardOpenOption.WRITE); FileLock lock = channel.tryLock()) {
            assertNotNull(lock, "the refresh lock is free");
        }
    }

    private void at(Instant now) {
        background.clock = Clock.fixed(now, ZoneOffset.UTC);
    }

    private static TokenRenewer.Renewal renewed(String accessToken) {
        return TokenRenewer.Renewal.renewed(new TokenRenewer.Tokens(Secret.of(accessToken), null, 3600L, null));
    }

    private static boolean refreshThreadRuns() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(thread -> thread.getName().equals(BackgroundRefresh.THREAD) && thread.isAlive());
    }

    /** A bundle context whose framework property {@code authsome.daemon} is {@code daemon}. */
    private static BundleContext context(String daemon) {
        return (BundleContext) Proxy.newProxyInstance(BackgroundRefreshTest.class.getClassLoader(),
                new Class<?>[] {BundleContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getProperty")) {
                        return DaemonRuntime.PROPERTY.equals(args[0]) ? daemon : null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
