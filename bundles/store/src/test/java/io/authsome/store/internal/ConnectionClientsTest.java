package io.authsome.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.authsome.api.vault.Connection;
import io.authsome.api.vault.ConnectionState;
import io.authsome.api.vault.OAuthClient;
import io.authsome.api.vault.ProfileStore;
import io.authsome.api.vault.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A provider's clients in one profile: the current one for new logins, and a replaced one kept,
 * readable by its id, exactly as long as a connection obtained with it exists.
 */
class ConnectionClientsTest {
    @TempDir
    Path home;

    @Test
    void aReplacedClientStaysReadableByIdWhileAConnectionUsesIt() throws Exception {
        ProfileStore store = VaultFixture.defaultStore(home);
        store.writeClient(client("A", "secret-a"));
        store.write(oauth("default", "A"), false);
        store.writeClient(client("B", "secret-b"));
        store.write(oauth("dev", "B"), false);

        assertEquals("B", store.client("kc").orElseThrow().clientId(), "the current client is the last one written");
        assertEquals("secret-a", store.client("kc", "A").orElseThrow().clientSecret().reveal());
        assertEquals("secret-b", store.client("kc", "B").orElseThrow().clientSecret().reveal());
        assertEquals(Optional.empty(), store.client("kc", "C"));

        store.delete("kc", "default");
        assertEquals(Optional.empty(), store.client("kc", "A"), "a client no connection uses is forgotten");
        assertEquals("B", store.client("kc", "B").orElseThrow().clientId());
    }

    @Test
    void aClientNoConnectionUsesIsNotKeptAndDeleteClientDropsThemAll() throws Exception {
        ProfileStore store = VaultFixture.defaultStore(home);
        store.writeClient(client("A", "secret-a"));
        store.writeClient(client("B", "secret-b"));
        assertEquals(Optional.empty(), store.client("kc", "A"), "A was kept with no connection using it");

        store.write(oauth("default", "B"), false);
        store.writeClient(client("C", null));
        assertTrue(store.client("kc", "B").isPresent());
        store.deleteClient("kc");
        assertEquals(Optional.empty(), store.client("kc"));
        assertEquals(Optional.empty(), store.client("kc", "B"));
        try (var files = Files.list(home.resolve("profiles/default/clients"))) {
            assertEquals(0, files.count(), "a client file is left after deleteClient");
        }
    }

    @Test
    void keptClientsAreRecordsOfTheVaultThatARekeyCarriesOver() throws Exception {
        ProfileStore store = VaultFixture.defaultStore(home);
        store.writeClient(client("A", "secret-a"));
        store.write(oauth("default", "A"), false);
        store.writeClient(client("B", "secret-b"));

        VaultFixture.vault(home).rekey(KeyringFile.KEY_FILE, null);
        assertEquals("secret-a", VaultFixture.defaultStore(home).client("kc", "A").orElseThrow().clientSecret().reveal());
    }

    private static OAuthClient client(String id, String secret) {
        return new OAuthClient("kc", id, secret == null ? null : Secret.of(secret), Map.of("registered", "user"),
                VaultFixture.NOW);
    }

    private static Connection oauth(String name, String clientId) {
        return new Connection("kc", name, ConnectionState.CONNECTED, Map.of("access_token", Secret.of("at-" + name)),
                Map.of(Connection.CLIENT_ID, clientId), VaultFixture.NOW, VaultFixture.NOW, null);
    }
}
