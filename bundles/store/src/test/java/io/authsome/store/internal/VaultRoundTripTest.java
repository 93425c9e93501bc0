package io.authsome.store.internal;

import static io.authsome.store.internal.VaultFixture.DEFAULT;
import static io.authsome.store.internal.VaultFixture.apiKey;
import static io.authsome.store.internal.VaultFixture.assertFails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.authsome.api.ErrorCode;
import io.authsome.api.vault.Connection;
import io.authsome.api.vault.ConnectionInfo;
import io.authsome.api.vault.ConnectionState;
import io.authsome.api.vault.ProfileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VaultRoundTripTest {
    @TempDir
    Path home;
    VaultComponent vault;
    ProfileStore store;

    @BeforeEach
    void openVault() throws Exception {
        vault = VaultFixture.vault(home);
        store = vault.profile(DEFAULT);
    }

    @Test
    void theFirstWriteCreatesAKeyFileVault() throws Exception {
        assertFalse(vault.exists());
        assertEquals("none", vault.encryptionMode());

        store.write(apiKey("openai", "default", "sk-1"), false);

        assertTrue(vault.exists());
        assertEquals("key-file", vault.encryptionMode());
        assertTrue(Files.isRegularFile(home.resolve("master.key")));
        assertTrue(Files.isRegularFile(VaultFixture.record(home, "openai", "default")));
        assertTrue(Files.isRegularFile(VaultFixture.index(home, DEFAULT)));
    }

    @Test
    void aWrittenApiKeyConnectionReadsBackInFullFromAFreshVault() throws Exception {
        Instant expires = Instant.parse("2030-01-01T00:00:00Z");
        Connection written = new Connection("openai", "work", ConnectionState.CONNECTED,
                Map.of(Connection.API_KEY, io.authsome.api.vault.Secret.of("sk-abc")),
                Map.of(Connection.ACCOUNT, "me@example.com", "base_url", "https://api.example.com"),
                VaultFixture.NOW, VaultFixture.NOW.plusSeconds(5), expires);
        store.write(written, false);

        Connection read = VaultFixture.defaultStore(home).read("openai", "work");

        assertEquals(written, read);
        assertEquals("sk-abc", read.secrets().get(Connection.API_KEY).reveal());
        ConnectionInfo info = store.connections().get(0);
        assertEquals(new ConnectionInfo("openai", "work", ConnectionState.CONNECTED, true, written.attributes(),
                written.updatedAt(), expires), info);
    }

    @Test
    void theFirstConnectionOfAProviderBecomesItsDefault() throws Exception {
        store.write(apiKey("openai", "second-by-name", "sk-1"), false);
        store.write(apiKey("openai", "a-first-by-name", "sk-2"), false);
        store.write(apiKey("github", "x", "sk-3"), false);

        assertEquals(Optional.of("second-by-name"), store.defaultConnection("openai"));
        assertEquals(Optional.of("x"), store.defaultConnection("github"));
        assertEquals(Optional.empty(), store.defaultConnection("stripe"));
        assertEquals(List.of(false, true), store.connections("openai").stream().map(ConnectionInfo::isDefault).toList());
    }

    @Test
    void setDefaultMovesTheDefault() throws Exception {
        store.write(apiKey("openai", "one", "sk-1"), false);
        store.write(apiKey("openai", "two", "sk-2"), false);

        store.setDefault("openai", "two");

        assertEquals(Optional.of("two"), VaultFixture.defaultStore(home).defaultConnection("openai"));
        assertFails(ErrorCode.CONNECTION_NOT_FOUND, () -> store.setDefault("openai", "three"));
        assertEquals(Optional.of("two"), store.defaultConnection("openai"));
    }

    @Test
    void deletingTheDefaultMakesTheNextConnectionByNameTheDefault() throws Exception {
        store.write(apiKey("openai", "m", "sk-m"), false);
        store.write(apiKey("openai", "z", "sk-z"), false);
        store.write(apiKey("openai", "b", "sk-b"), false);
        assertEquals(Optional.of("m"), store.defaultConnection("openai"));

        store.delete("openai", "m");

        assertEquals(Optional.of("b"), store.defaultConnection("openai"));
        assertFalse(Files.exists(VaultFixture.record(home, "openai", "m")));
        assertFails(ErrorCode.CONNECTION_NOT_FOUND, () -> store.read("openai", "m"));

        store.delete("openai", "z");
        assertEquals(Optional.of("b"), store.defaultConnection("openai"), "deleting a non-default keeps the default");
        store.delete("openai", "b");
        assertEquals(Optional.empty(), store.defaultConnection("openai"));
        assertEquals(List.of(), store.connections());
    }

    @Test
    void writingAnExistingConnectionWithoutReplaceFailsWithConnectionExists() throws Exception {
        store.write(apiKey("openai", "default", "sk-old"), false);

        assertFails(ErrorCode.CONNECTION_EXISTS, () -> store.write(apiKey("openai", "default", "sk-new"), false));
        assertEquals("sk-old", store.read("openai", "default").secrets().get(Connection.API_KEY).reveal());

        store.write(apiKey("openai", "default", "sk-new"), true);
        assertEquals("sk-new", store.read("openai", "default").secrets().get(Connection.API_KEY).reveal());
        assertEquals(1, store.connections().size());
    }

    @Test
    void aMissingConnectionIsConnectionNotFoundForEveryOperation() throws Exception {
        store.write(apiKey("openai", "default", "sk-1"), false);

        assertFails(ErrorCode.CONNECTION_NOT_FOUND, () -> store.read("openai", "other"));
        assertFails(ErrorCode.CONNECTION_NOT_FOUND, () -> store.read("github", "default"));
        assertFails(ErrorCode.CONNECTION_NOT_FOUND, () -> store.delete("openai", "other"));
        assertFails(ErrorCode.CONNECTION_NOT_FOUND, () -> store.update("openai", "other", c -> c));
        assertFails(ErrorCode.CONNECTION_NOT_FOUND, () -> store.setDefault("github", "default"));
    }

    @Test
    void anInvalidConnectionNameIsAUsageError() {
        assertFails(ErrorCode.USAGE, () -> store.write(apiKey("openai", "../escape", "sk-1"), false));
        assertFalse(Files.exists(home.resolve("profiles")));
    }

    @Test
    void updateReadsChangesAndWritesTheConnection() throws Exception {
        store.write(apiKey("openai", "default", "sk-1", Map.of("counter", "1", "keep", "yes")), false);

        Connection returned = store.update("openai", "default",
                c -> c.withAttributes(Map.of("counter", Integer.toString(Integer.parseInt(c.attributes().get("counter"))
                        + 1)), VaultFixture.NOW.plusSeconds(60)));

        Connection read = VaultFixture.defaultStore(home).read("openai", "default");
        assertEquals(returned, read);
        assertEquals(Map.of("counter", "2", "keep", "yes"), read.attributes());
        assertEquals("sk-1", read.secrets().get(Connection.API_KEY).reveal());
        assertEquals(VaultFixture.NOW.plusSeconds(60), store.connections().get(0).updatedAt());
    }

    @Test
    void profilesAreCreatedUsedAndDeleted() throws Exception {
        assertEquals(List.of(DEFAULT), vault.profiles());
        assertEquals(DEFAULT, vault.activeProfile());

        vault.createProfile("work");
        vault.profile("work").write(apiKey("openai", "default", "sk-work"), false);
        assertEquals(List.of(DEFAULT, "work"), vault.profiles());
        assertFails(ErrorCode.NOT_ALLOWED, () -> vault.createProfile("work"));

        vault.useProfile("work");
        assertEquals("work", VaultFixture.vault(home).activeProfile());
        assertFails(ErrorCode.NOT_ALLOWED, () -> vault.deleteProfile("work"));
        assertEquals("sk-work", vault.profile("work").read("openai", "default").secrets().get(Connection.API_KEY)
                .reveal(), "a refused delete leaves the profile as it was");

        vault.useProfile(DEFAULT);
        vault.deleteProfile("work");
        assertEquals(List.of(DEFAULT), vault.profiles());
        assertFalse(Files.exists(home.resolve("profiles").resolve("work")));
        assertFails(ErrorCode.NOT_ALLOWED, () -> vault.profile("work"));
    }

    @Test
    void anUnknownProfileIsNotAllowed() {
        assertFails(ErrorCode.NOT_ALLOWED, () -> vault.profile("nope"));
        assertFails(ErrorCode.NOT_ALLOWED, () -> vault.useProfile("nope"));
        assertFails(ErrorCode.NOT_ALLOWED, () -> vault.deleteProfile("nope"));
        assertEquals(DEFAULT, vault.activeProfile());
        assertFails(ErrorCode.USAGE, () -> vault.createProfile("Bad Name"));
    }

    @Test
    void aConnectionInOneProfileIsNotVisibleInAnother() throws Exception {
        vault.createProfile("a");
        vault.createProfile("b");
        vault.profile("a").write(apiKey("openai", "default", "sk-a"), false);

        ProfileStore b = vault.profile("b");
        assertEquals(List.of(), b.connections());
        assertEquals(Optional.empty(), b.defaultConnection("openai"));
        assertFails(ErrorCode.CONNECTION_NOT_FOUND, () -> b.read("openai", "default"));
        assertEquals(List.of(), store.connections(), "nor in the default profile");

        b.write(apiKey("openai", "default", "sk-b"), false);
        assertEquals("sk-a", vault.profile("a").read("openai", "default").secrets().get(Connection.API_KEY).reveal());
        assertEquals("sk-b", b.read("openai", "default").secrets().get(Connection.API_KEY).reveal());
    }
}
