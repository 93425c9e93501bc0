package io.authsome.common.connection;

import io.authsome.api.AuthsomeException;
import io.authsome.api.vault.Connection;
import io.authsome.api.vault.OAuthClient;
import io.authsome.api.vault.ProfileStore;
import java.time.Instant;
import java.util.Map;

/**
 * The OAuth client that refreshes and revokes a connection: the one that obtained its tokens,
 * whatever clients later logins of other connections stored.
 */
public final class ConnectionClients {
    private ConnectionClients() {
    }

    /**
     * The client whose id the connection recorded, its secret looked up by that id; a client no
     * longer stored goes out as a public client of that id (the provider then says whether that
     * is enough). A connection stored before connections recorded their client uses the
     * provider's current client; {@code null} when there is none.
     */
    public static OAuthClient of(ProfileStore store, Connection connection) throws AuthsomeException {
        String clientId = connection.attributes().get(Connection.CLIENT_ID);
        if (clientId == null) {
            return store.client(connection.provider()).orElse(null);
        }
        return store.client(connection.provider(), clientId).orElseGet(() -> new OAuthClient(connection.provider(),
                clientId, null, Map.of(), Instant.now()));
    }
}
