package io.authsome.store.postgres.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.config.Setting;
import io.authsome.api.config.StoreConfig;
import io.authsome.api.store.Member;
import io.authsome.api.store.TeamMembers;
import io.authsome.api.vault.Connection;
import io.authsome.api.vault.Secret;
import io.authsome.common.json.Json;
import io.authsome.common.seal.Keyring;
import io.authsome.common.seal.RecordCipher;
import io.authsome.store.postgres.PostgresServer;
import io.authsome.store.postgres.TeamDatabase;
import io.authsome.store.postgres.TeamFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Who can open the team store, and what a runtime does when the database is not as it expects. */
class PostgresTeamTest {
    private static final String SECRET = "sk-team-secret-4f0c1d2e3b";
    private static final Instant NOW = Instant.parse("2026-11-30T10:15:30Z");

    @RegisterExtension
    static final TeamDatabase DATABASE = new TeamDatabase();

    private final TeamFixture team = DATABASE.team();
    private final PostgresServer server = DATABASE.server();

    @Test
    void aHomeThatIsNotAMemberReadsNothingUntilAMemberAddsIt() throws Exception {
        String url = team.newDatabase();
        PostgresStore alice = team.store(team.home("alice"), url, "alice");
        alice.profile("default").write(apiKey("openai", SECRET), false);
        PostgresStore bob = team.store(team.home("bob"), url, "bob");
        AuthsomeException refused = assertThrows(AuthsomeException.class,
                () -> bob.profile("default").read("openai", "default"));
        assertEquals(ErrorCode.AUTHENTICATION_FAILED, refused.code());
        Member self = members(bob).self();
        assertEquals("ask a member to run: authsome vault members add bob " + self.publicKey(), refused.nextStep());

        members(alice).add("bob", self.publicKey());
        assertEquals(SECRET, bob.profile("default").read("openai", "default").credential().orElseThrow().reveal());
        assertEquals(List.of("alice", "bob"), members(alice).list().stream().map(Member::name).toList());
        assertEquals("alice", members(bob).self().addedBy());
    }

    @Test
    void aRemovedMembersKeyOpensNothingWrittenAfterTheRemoval() throws Exception {
        String url = team.newDatabase();
        PostgresStore alice = team.store(team.home("alice"), url, "alice");
        alice.profile("default").write(apiKey("openai", "before"), false);
        Path bobHome = team.home("bob");
        PostgresStore bob = team.store(bobHome, url, "bob");
        members(alice).add("bob", members(bob).self().publicKey());
        assertEquals("before", bob.profile("default").read("openai", "default").credential().orElseThrow().reveal());
        String bobsWrappedKey = query(url, "select wrapped_key from members where name = 'bob'").get(0);

        assertEquals(2, members(alice).remove("bob"), "the record and its listing facts are sealed anew");
        alice.profile("default").write(apiKey("github", SECRET), false);

        // Bob kept everything he ever had: his member key and the data key wrapped for it.
        MemberKey bobsKey = MemberKey.loadOrCreate(bobHome.resolve("member.key"), () -> null);
        Keyring oldKeyring = bobsKey.unwrap(bobsWrappedKey);
        String sealed = query(url, "select record from connections where provider = 'github'").get(0);
        Map<String, Object> envelope = Json.parseObject(sealed.getBytes(StandardCharsets.UTF_8));
        assertThrows(RecordCipher.UnknownKeyException.class, () -> new RecordCipher(oldKeyring).open(envelope,
                Identities.connection("default", "github", "default")));
        AuthsomeException refused = assertThrows(AuthsomeException.class,
                () -> team.store(bobHome, url, "bob").profile("default").read("github", "default"));
        assertEquals(ErrorCode.AUTHENTICATION_FAILED, refused.code());
        assertEquals(SECRET, alice.profile("default").read("github", "default").credential().orElseThrow().reveal());
    }

    @Test
    void theDatabaseAloneHoldsNoSecretAndNoUsableKey() throws Exception {
        String url = team.newDatabase();
        PostgresStore alice = team.store(team.home("alice"), url, "alice");
        alice.profile("default").write(apiKey("openai", SECRET), false);
        alice.profile("default").writeClient(new io.authsome.api.vault.OAuthClient("notion", "client-1",
                Secret.of(SECRET + "-client"), Map.of(), NOW));
        List<String> everything = query(url, "select t::text from (select * from connections) t union all select"
                + " t::text from (select * from clients) t union all select t::text from (select * from members) t"
                + " union all select t::text from (select * from team) t");
        assertFalse(everything.isEmpty());
        for (String row : everything) {
            assertFalse(row.contains("sk-team"), "no secret in the clear: " + row);
            assertFalse(row.contains("\"keys\""), "no keyring in the clear: " + row);
        }
        AuthsomeException refused = assertThrows(AuthsomeException.class,
                () -> team.store(team.home("mallory"), url, "mallory").profile("default").read("openai", "default"));
        assertEquals(ErrorCode.AUTHENTICATION_FAILED, refused.code());
        assertFalse(refused.getMessage().contains(SECRET));
    }

    @Test
    void aMemberKeyUnderAPassphraseOpensOnlyWithIt() throws Exception {
        String url = team.newDatabase();
        Path home = team.home("alice");
        PostgresStore alice = team.store(home, url, "alice");
        alice.profile("default").write(apiKey("openai", SECRET), false);
        assertEquals("team", alice.encryptionMode());
        assertEquals(ErrorCode.INVALID_INPUT, assertThrows(AuthsomeException.class,
                () -> alice.rekey("passphrase", Secret.of("short"))).code());
        assertEquals(1, alice.rekey("passphrase", Secret.of("correct horse battery")));
        assertEquals("passphrase", alice.encryptionMode());
        String file = java.nio.file.Files.readString(home.resolve("member.key"));
        assertTrue(file.contains("\"wrap\"") && !file.contains("\"private\""), "the private key is wrapped");

        PostgresStore wrong = team.store(home, url, "alice");
        wrong.passphrase(() -> Secret.of("not the passphrase"));
        assertEquals(ErrorCode.AUTHENTICATION_FAILED, assertThrows(AuthsomeException.class,
                () -> wrong.profile("default").read("openai", "default")).code());
        PostgresStore right = team.store(home, url, "alice");
        right.passphrase(() -> Secret.of("correct horse battery"));
        assertEquals(SECRET, right.profile("default").read("openai", "default").credential().orElseThrow().reveal());

        assertEquals(1, right.rekey("key-file", null));
        assertEquals("team", right.encryptionMode());
        assertEquals(SECRET, team.store(home, url, "alice").profile("default").read("openai", "default").credential()
                .orElseThrow().reveal());
    }

    @Test
    void theLastMemberCannotBeRemoved() throws Exception {
        String url = team.newDatabase();
        PostgresStore alice = team.store(team.home("alice"), url, "alice");
        alice.profile("default").write(apiKey("openai", SECRET), false);
        assertEquals(ErrorCode.NOT_ALLOWED, assertThrows(AuthsomeException.class,
                () -> members(alice).remove("alice")).code());
        assertEquals(ErrorCode.NOT_ALLOWED, assertThrows(AuthsomeException.class,
                () -> members(alice).remove("nobody")).code());
        assertEquals(ErrorCode.INVALID_INPUT, assertThrows(AuthsomeException.class,
                () -> members(alice).add("bob", "authsome-member:notakey")).code());
        assertEquals(SECRET, alice.profile("default").read("openai", "default").credential().orElseThrow().reveal());
    }

    @Test
    void aRuntimeOlderThanTheSchemaReadsButDoesNotWrite() throws Exception {
        String url = team.newDatabase();
        Path home = team.home("alice");
        team.store(home, url, "alice").profile("default").write(apiKey("openai", SECRET), false);
        execute(url, "insert into authsome_schema (version, applied_by) values (" + (Migrations.LATEST + 1)
                + ", 'a newer authsome')");
        PostgresStore older = team.store(home, url, "alice");
        assertEquals(SECRET, older.profile("default").read("openai", "default").credential().orElseThrow().reveal());
        AuthsomeException refused = assertThrows(AuthsomeException.class,
                () -> older.profile("default").write(apiKey("github", "x"), false));
        assertEquals(ErrorCode.RUNTIME_UNAVAILABLE, refused.code());
        assertTrue(refused.getMessage().contains("newer than this authsome knows"), refused.getMessage());
    }

    @Test
    void aDatabaseThatCannotBeReachedIsNamedWithItsCause() throws Exception {
        Path home = team.home("alice");
        String url = "jdbc:postgresql://127.0.0.1:" + unusedPort() + "/team";
        AuthsomeException down = assertThrows(AuthsomeException.class, () -> team.store(home, url, "alice").profiles());
        assertEquals(ErrorCode.RUNTIME_UNAVAILABLE, down.code());
        assertTrue(down.getMessage().startsWith("the postgres store at " + url + " cannot be reached"), down.getMessage());

        StoreConfig wrongPassword = new StoreConfig(Setting.of(StoreConfig.POSTGRES), team.newDatabase(), server.user(),
                "missing.password", "alice");
        AuthsomeException noFile = assertThrows(AuthsomeException.class, () -> team.store(home, wrongPassword).profiles());
        assertEquals(ErrorCode.INVALID_INPUT, noFile.code());
        java.nio.file.Files.writeString(home.resolve("missing.password"), "wrong");
        AuthsomeException open = assertThrows(AuthsomeException.class, () -> team.store(home, wrongPassword).profiles());
        assertEquals(ErrorCode.INVALID_INPUT, open.code(), "a password file others may read is not used");
        java.nio.file.Files.setPosixFilePermissions(home.resolve("missing.password"),
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        AuthsomeException refused = assertThrows(AuthsomeException.class, () -> team.store(home, wrongPassword).profiles());
        assertEquals(ErrorCode.RUNTIME_UNAVAILABLE, refused.code());
        assertTrue(refused.getMessage().contains("refused the login"), refused.getMessage());
        assertFalse(refused.getMessage().contains(server.password()));
    }

    @Test
    void aRefreshLockWhoseSessionDiesIsReleased() throws Exception {
        String url = team.newDatabase();
        Path home = team.home("alice");
        PostgresStore holder = team.store(home, url, "alice");
        PostgresStore waiter = team.store(home, url, "alice");
        CountDownLatch held = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> stuck = pool.submit(() -> holder.withRefreshLock("default", "github", "default", () -> {
                held.countDown();
                LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(60));
                return null;
            }));
            assertTrue(held.await(10, TimeUnit.SECONDS));
            Future<String> next = pool.submit(() -> waiter.withRefreshLock("default", "github", "default", () -> "mine"));
            Thread.sleep(200);
            assertFalse(next.isDone(), "the lock is held");
            // What PostgreSQL does when a runtime dies: its session ends, and its advisory locks with it.
            execute(url, "select pg_terminate_backend(pid) from pg_locks where locktype = 'advisory' and granted"
                    + " and pid <> pg_backend_pid()");
            assertEquals("mine", next.get(10, TimeUnit.SECONDS));
            stuck.cancel(true);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theTeamTrailHasEveryRuntimesEventsWithTheirOrigin() throws Exception {
        String url = team.newDatabase();
        PostgresStore alice = team.store(team.home("alice"), url, "alice");
        alice.profile("default").write(apiKey("openai", SECRET), false);
        PostgresStore bob = team.store(team.home("bob"), url, "bob");
        members(alice).add("bob", members(bob).self().publicKey());
        alice.auditTrail().orElseThrow().record(Map.of("time", "2026-12-01T10:00:00.000Z", "event", "login",
                "provider", "openai", "outcome", "success"));
        bob.auditTrail().orElseThrow().record(Map.of("time", "2026-12-01T10:00:01.000Z", "event", "refresh",
                "provider", "openai", "outcome", "success"));
        team.close(); // writes what is queued
        List<Map<String, Object>> events = team.store(team.home("carol"), url, "carol").auditTrail().orElseThrow()
                .tail(10);
        assertEquals(List.of("login", "refresh"), events.stream().map(e -> e.get("event")).toList());
        assertEquals(List.of("alice", "bob"), events.stream().map(e -> e.get("member")).toList());
        assertTrue(String.valueOf(events.get(0).get("runtime")).startsWith("command "));
        assertFalse(events.toString().contains(SECRET));
    }

    private static TeamMembers members(PostgresStore store) {
        return store.members().orElseThrow();
    }

    private static Connection apiKey(String provider, String key) {
        return Connection.apiKey(provider, "default", Secret.of(key), Map.of(), NOW);
    }

    private static List<String> query(String url, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (java.sql.Connection db = DriverManager.getConnection(url, DATABASE.server().user(), DATABASE.server().password());
             Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    private static void execute(String url, String sql) throws SQLException {
        try (java.sql.Connection db = DriverManager.getConnection(url, DATABASE.server().user(), DATABASE.server().password());
             Statement statement = db.createStatement()) {
            statement.execute(sql);
        }
    }

    private static int unusedPort() throws Exception {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
