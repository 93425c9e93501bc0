package io.authsome.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.authsome.api.home.HomeLayout;
import io.authsome.api.store.StoreBackend;
import io.authsome.api.vault.Connection;
import io.authsome.api.vault.ConnectionInfo;
import io.authsome.api.vault.ConnectionState;
import io.authsome.api.vault.OAuthClient;
import io.authsome.api.vault.ProfileStore;
import io.authsome.api.vault.Secret;
import io.authsome.store.postgres.TeamDatabase;
import io.authsome.store.postgres.TeamFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A home's records moved from its files to a PostgreSQL store and back, as {@code vault migrate} moves them. */
class StoreMigrationTest {
    private static final int CONNECTIONS = 1000;
    private static final Instant NOW = Instant.parse("2026-11-30T10:15:30Z");

    @RegisterExtension
    static final TeamDatabase DATABASE = new TeamDatabase();

    @TempDir
    Path temp;

    @Test
    void aThousandConnectionsGoToPostgresAndBackByteForByte() throws Exception {
        FileVault original = new FileVault(new HomeLayout(Files.createTempDirectory(temp, "files")));
        original.createProfile("work");
        Map<String, String> secrets = new LinkedHashMap<>();
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < CONNECTIONS; i++) {
            byte[] bytes = new byte[24 + i % 40];
            random.nextBytes(bytes);
            String secret = "tok-\u00e9-" + Base64.getEncoder().encodeToString(bytes);
            String profile = i % 10 == 0 ? "work" : "default";
            String provider = "provider" + i % 7;
            String name = "conn-" + i;
            secrets.put(profile + "/" + provider + "/" + name, secret);
            original.profile(profile).write(new Connection(provider, name, ConnectionState.CONNECTED,
                    Map.of(Connection.ACCESS_TOKEN, Secret.of(secret), Connection.REFRESH_TOKEN, Secret.of("r" + i)),
                    Map.of(Connection.CLIENT_ID, i % 2 == 0 ? "old-client" : "new-client"), NOW, NOW,
                    NOW.plusSeconds(i)), false);
        }
        for (int p = 0; p < 7; p++) {
            original.profile("default").writeClient(client("provider" + p, "old-client"));
            original.profile("default").writeClient(client("provider" + p, "new-client"));
        }
        original.profile("default").setDefault("provider3", "conn-17");
        Path customs = providersOf(original);
        Files.createDirectories(customs);
        Files.writeString(customs.resolve("acme.json"), "{\"name\": \"acme\", \"auth_type\": \"api_key\"}\n");
        Files.writeString(customs.resolve("globex.json"), "{\"name\": \"globex\", \"auth_type\": \"api_key\"}\n");

        TeamFixture team = DATABASE.team();
        Path home = team.home("alice");
        StoreBackend postgres = team.store(home, team.newDatabase(), "alice");
        long started = System.nanoTime();
        StoreMigration.Report there = StoreMigration.copy(original, postgres, providersOf(original));
        long toPostgres = System.nanoTime() - started;
        assertEquals(new StoreMigration.Report(2, CONNECTIONS, 14, 2, 0), there);
        assertEquals(there, StoreMigration.copy(original, postgres, providersOf(original)), "copying again is safe");

        FileVault back = new FileVault(new HomeLayout(Files.createTempDirectory(temp, "back")));
        started = System.nanoTime();
        assertEquals(new StoreMigration.Report(2, CONNECTIONS, 14, 2, 0), StoreMigration.copy(postgres, back, providersOf(back)));
        long toFiles = System.nanoTime() - started;
        System.out.printf("migration of %d connections: files -> postgres %d ms, postgres -> files %d ms%n",
                CONNECTIONS, toPostgres / 1_000_000, toFiles / 1_000_000);

        for (String profile : List.of("default", "work")) {
            assertEquals(original.profile(profile).connections(), back.profile(profile).connections());
            for (ConnectionInfo info : back.profile(profile).connections()) {
                String key = profile + "/" + info.provider() + "/" + info.name();
                assertEquals(secrets.get(key), back.profile(profile).read(info.provider(), info.name())
                        .credential().orElseThrow().reveal(), key);
            }
        }
        ProfileStore backDefault = back.profile("default");
        assertEquals(Optional.of("conn-17"), backDefault.defaultConnection("provider3"), "the default came along");
        assertEquals("new-client", backDefault.client("provider0").orElseThrow().clientId());
        assertTrue(backDefault.client("provider0", "old-client").isPresent(), "the kept client came along");
        assertEquals(original.profile("default").clients(), backDefault.clients());
        for (String provider : List.of("acme.json", "globex.json")) {
            assertEquals(Files.readString(customs.resolve(provider)), Files.readString(providersOf(back).resolve(provider)),
                    "the custom provider came back byte for byte");
        }
    }

    private static Path providersOf(FileVault vault) {
        return vault.home().providers();
    }

    private static OAuthClient client(String provider, String id) {
        return new OAuthClient(provider, id, Secret.of("secret-of-" + id), Map.of(), NOW);
    }
}
