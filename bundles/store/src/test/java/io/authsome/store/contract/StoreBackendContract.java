package io.authsome.store.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.store.StoreBackend;
import io.authsome.api.vault.Connection;
import io.authsome.api.vault.ConnectionInfo;
import io.authsome.api.vault.ConnectionState;
import io.authsome.api.vault.OAuthClient;
import io.authsome.api.vault.ProfileStore;
import io.authsome.api.vault.Secret;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every store backend must do, whatever keeps its records: one suite, run against each
 * implementation by a subclass that gives a fresh, empty store ({@link #freshStore}) and a second
 * runtime's view of the same records ({@link #sameRecords}).
 */
public abstract class StoreBackendContract {
    private static final Instant NOW = Instant.parse("2026-11-30T10:15:30Z");

    private StoreBackend store;

    /** A new, empty store. */
    protected abstract StoreBackend freshStore() throws Exception;

    /** Another runtime's backend over the records of the last {@link #freshStore}. */
    protected abstract StoreBackend sameRecords() throws Exception;

    @BeforeEach
    void open() throws Exception {
        store = freshStore();
    }

    @Test
    void aConnectionReadsBackByteForByte() throws AuthsomeException {
        String secret = "sk-\u00e9\u4e2d\ud83d\udd11-" + "x".repeat(3000);
        Connection connection = new Connection("github", "work", ConnectionState.CONNECTED,
                Map.of(Connection.ACCESS_TOKEN, Secret.of(secret), Connection.REFRESH_TOKEN, Secret.of("r1")),
                Map.of("account", "octo", "scopes", "repo"), NOW, NOW, NOW.plus(1, ChronoUnit.HOURS));
        store.profile("default").write(connection, false);
        Connection read = store.profile("default").read("github", "work");
        assertEquals(connection, read);
        assertEquals(secret, read.credential().orElseThrow().reveal());
    }

    @Test
    void listingGivesTheFactsWithoutSecrets() throws AuthsomeException {
        ProfileStore profile = store.profile("default");
        profile.write(apiKey("openai", "b", "k1"), false);
        profile.write(apiKey("openai", "a", "k2"), false);
        profile.write(apiKey("github", "default", "k3"), false);
        List<ConnectionInfo> infos = profile.connections();
        assertEquals(List.of("github/default", "openai/a", "openai/b"),
                infos.stream().map(info -> info.provider() + "/" + info.name()).toList());
        assertEquals(List.of("a", "b"), profile.connections("openai").stream().map(ConnectionInfo::name).toList());
        ConnectionInfo b = profile.connections("openai").get(1);
        assertTrue(b.isDefault(), "the first connection of a provider is its default");
        assertEquals(Map.of("source", "input"), b.attributes());
        assertEquals(ConnectionState.CONNECTED, b.state());
        assertEquals(Optional.of("b"), profile.defaultConnection("openai"));
        assertEquals(Optional.empty(), profile.defaultConnection("slack"));
    }

    @Test
    void anExistingConnectionIsReplacedOnlyWhenAsked() throws AuthsomeException {
        ProfileStore profile = store.profile("default");
        profile.write(apiKey("openai", "default", "first"), false);
        AuthsomeException e = assertThrows(AuthsomeException.class,
                () -> profile.write(apiKey("openai", "default", "second"), false));
        assertEquals(ErrorCode.CONNECTION_EXISTS, e.code());
        assertEquals("first", secretOf(profile, "openai", "default"));
        profile.write(apiKey("openai", "default", "third"), true);
        assertEquals("third", secretOf(profile, "openai", "default"));
    }

    @Test
    void removingTheDefaultMakesTheNextByNameTheDefault() throws AuthsomeException {
        ProfileStore profile = store.profile("default");
        profile.write(apiKey("openai", "m", "1"), false);
        profile.write(apiKey("openai", "z", "2"), false);
        profile.write(apiKey("openai", "b", "3"), false);
        profile.setDefault("openai", "z");
        assertEquals(Optional.of("z"), profile.defaultConnection("openai"));
        profile.delete("openai", "z");
        assertEquals(Optional.of("b"), profile.defaultConnection("openai"));
        assertEquals(1, profile.connections("openai").stream().filter(ConnectionInfo::isDefault).count());
    }

    @Test
    void missingConnectionsAreNamed() throws AuthsomeException {
        ProfileStore profile = store.profile("default");
        assertEquals(ErrorCode.CONNECTION_NOT_FOUND, assertThrows(AuthsomeException.class,
                () -> profile.read("openai", "nope")).code());
        assertEquals(ErrorCode.CONNECTION_NOT_FOUND, assertThrows(AuthsomeException.class,
                () -> profile.delete("openai", "nope")).code());
        assertEquals(ErrorCode.CONNECTION_NOT_FOUND, assertThrows(AuthsomeException.class,
                () -> profile.setDefault("openai", "nope")).code());
        assertEquals(ErrorCode.CONNECTION_NOT_FOUND, assertThrows(AuthsomeException.class,
                () -> profile.update("openai", "nope", c -> c)).code());
        assertEquals(ErrorCode.USAGE, assertThrows(AuthsomeException.class,
                () -> profile.write(apiKey("openai", "../x", "1"), false)).code());
    }

    @Test
    void concurrentUpdatesFromTwoRuntimesLoseNothing() throws Exception {
        store.profile("default").write(apiKey("openai", "default", "k"), false);
        StoreBackend other = sameRecords();
        int perRuntime = 20;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (StoreBackend runtime : List.of(store, other, store, other)) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perRuntime / 2; i++) {
                        runtime.profile("default").update("openai", "default", c -> c.withAttributes(Map.of("count",
                                String.valueOf(Integer.parseInt(c.attributes().getOrDefault("count", "0")) + 1)), NOW));
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(String.valueOf(2 * perRuntime), store.profile("default").read("openai", "default")
                .attributes().get("count"));
    }

    @Test
    void aReplacedClientIsKeptWhileAConnectionUsesIt() throws AuthsomeException {
        ProfileStore profile = store.profile("default");
        profile.writeClient(client("notion", "c1", "s1"));
        profile.write(apiKey("notion", "default", "t").withAttributes(Map.of(Connection.CLIENT_ID, "c1"), NOW), false);
        profile.writeClient(client("notion", "c2", "s2"));
        assertEquals("c2", profile.client("notion").orElseThrow().clientId());
        assertEquals("s1", profile.client("notion", "c1").orElseThrow().clientSecret().reveal());
        assertEquals("s2", profile.client("notion", "c2").orElseThrow().clientSecret().reveal());
        profile.delete("notion", "default");
        assertEquals(Optional.empty(), profile.client("notion", "c1"), "forgotten once no connection uses it");
        assertEquals("c2", profile.client("notion").orElseThrow().clientId());
        profile.deleteClient("notion");
        assertEquals(Optional.empty(), profile.client("notion"));
    }

    @Test
    void profilesAreSeparate() throws AuthsomeException {
        assertEquals(List.of("default"), store.profiles());
        assertTrue(store.createProfile("work"));
        assertFalse(store.createProfile("work"), "a profile that exists is not made again");
        assertEquals(List.of("default", "work"), store.profiles());
        store.profile("work").write(apiKey("openai", "default", "work-key"), false);
        store.profile("default").write(apiKey("openai", "default", "home-key"), false);
        assertEquals("work-key", secretOf(store.profile("work"), "openai", "default"));
        store.deleteProfile("work");
        assertEquals(List.of("default"), store.profiles());
        assertEquals("home-key", secretOf(store.profile("default"), "openai", "default"));
    }

    @Test
    void aWriteIsSeenByAnotherRuntimeAtOnce() throws Exception {
        StoreBackend other = sameRecords();
        store.profile("default").write(apiKey("openai", "default", "k1"), false);
        assertEquals("k1", secretOf(other.profile("default"), "openai", "default"));
        other.profile("default").write(apiKey("openai", "default", "k2"), true);
        assertEquals("k2", secretOf(store.profile("default"), "openai", "default"));
    }

    @Test
    void theRefreshLockLetsOneHolderInAtATime() throws Exception {
        StoreBackend other = sameRecords();
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                StoreBackend runtime = i % 2 == 0 ? store : other;
                done.add(pool.submit(() -> runtime.withRefreshLock("default", "github", "default", () -> {
                    most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                    LockSupport.parkNanos(10_000_000);
                    inside.decrementAndGet();
                    return null;
                })));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(1, most.get());
    }

    @Test
    void aRekeyKeepsEveryRecordReadable() throws Exception {
        ProfileStore profile = store.profile("default");
        profile.write(apiKey("openai", "default", "k1"), false);
        profile.writeClient(client("notion", "c1", "s1"));
        assertTrue(store.rekey(store.encryptionMode(), null) >= 2, "a new key in the mode the store is in");
        assertEquals("k1", secretOf(profile, "openai", "default"));
        assertEquals("k1", secretOf(sameRecords().profile("default"), "openai", "default"));
        assertEquals("s1", profile.client("notion").orElseThrow().clientSecret().reveal());
    }

    private static Connection apiKey(String provider, String name, String key) {
        return Connection.apiKey(provider, name, Secret.of(key), Map.of("source", "input"), NOW);
    }

    private static OAuthClient client(String provider, String id, String secret) {
        return new OAuthClient(provider, id, Secret.of(secret), Map.of(), NOW);
    }

    private static String secretOf(ProfileStore profile, String provider, String name) throws AuthsomeException {
        return profile.read(provider, name).credential().orElseThrow().reveal();
    }
}
