package io.authsome.store.postgres.internal;

import io.authsome.api.AuthsomeException;
import io.authsome.api.store.SharedProviders;
import io.authsome.common.json.Json;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.TreeMap;

/**
 * The team's custom provider definitions: a row per provider, the definition sealed with the data
 * key (bound to the provider's name) like every record, so the database holds names only.
 */
final class PostgresProviders implements SharedProviders {
    private final PostgresMembers.Opener store;

    PostgresProviders(PostgresMembers.Opener store) {
        this.store = store;
    }

    @Override
    public Map<String, byte[]> all() throws AuthsomeException {
        Team team = store.team();
        return team.read(db -> {
            Map<String, byte[]> definitions = new TreeMap<>();
            try (PreparedStatement select = db.prepareStatement("select name, definition from custom_providers");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String name = rows.getString(1);
                    definitions.put(name, team.open(db, rows.getString(2), Identities.provider(name)));
                }
            }
            return definitions;
        });
    }

    @Override
    public void put(String name, byte[] json) throws AuthsomeException {
        store.team().write((db, cipher) -> {
            try (PreparedStatement upsert = db.prepareStatement("insert into custom_providers (name, definition)"
                    + " values (?, ?) on conflict (name) do update set definition = excluded.definition,"
                    + " updated_at = now()")) {
                upsert.setString(1, name);
                upsert.setString(2, Json.writeLine(cipher.seal(json, Identities.provider(name))));
                upsert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void remove(String name) throws AuthsomeException {
        store.team().write((db, cipher) -> {
            try (PreparedStatement delete = db.prepareStatement("delete from custom_providers where name = ?")) {
                delete.setString(1, name);
                delete.executeUpdate();
            }
            return null;
        });
    }
}
