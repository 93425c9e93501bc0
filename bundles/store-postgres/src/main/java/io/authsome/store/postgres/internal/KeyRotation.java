package io.authsome.store.postgres.internal;

import io.authsome.api.AuthsomeException;
import io.authsome.common.json.Json;
import io.authsome.common.seal.Keyring;
import io.authsome.common.seal.RecordCipher;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A new data key for the team, in one transaction that holds the keyring lock alone: every sealed
 * value is opened with the old key and sealed with the new one, the new key is wrapped for each
 * remaining member, and the team's current key is switched. The old key is dropped: a member who
 * kept it opens nothing written from then on. Interrupted at any point, the transaction leaves
 * everything under the old key.
 */
final class KeyRotation {
    private record Sealed(String table, String column, String where, String[] keys, String identity, String value) {
    }

    private final Team team;

    KeyRotation(Team team) {
        this.team = team;
    }

    /**
     * Rotates the data key inside {@code db}'s transaction, which holds the keyring lock alone
     * ({@link Team#exclusive}).
     *
     * @return the number of sealed values re-encrypted
     */
    int rotate(Connection db) throws SQLException, AuthsomeException {
        team.keys().reload(db); // this home must be a member, and opens every value with the latest key
        RecordCipher fresh = new RecordCipher(Keyring.generate());
        List<Sealed> values = sealedValues(db);
        for (Sealed value : values) {
            byte[] plain = team.open(db, value.value(), value.identity());
            String resealed = Json.writeLine(fresh.seal(plain, value.identity()));
            try (PreparedStatement update = db.prepareStatement("update " + value.table() + " set " + value.column()
                    + " = ? where " + value.where())) {
                update.setString(1, resealed);
                for (int i = 0; i < value.keys().length; i++) {
                    update.setString(i + 2, value.keys()[i]);
                }
                update.executeUpdate();
            }
        }
        try (PreparedStatement team = db.prepareStatement("update team set current_kid = ?")) {
            team.setString(1, fresh.keyring().current());
            team.executeUpdate();
        }
        rewrap(db, fresh.keyring());
        team.keys().use(fresh.keyring());
        return values.size();
    }

    private static List<Sealed> sealedValues(Connection db) throws SQLException {
        List<Sealed> values = new ArrayList<>();
        try (Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery("select profile, provider, name, info, record from connections")) {
            while (rows.next()) {
                String[] keys = {rows.getString(1), rows.getString(2), rows.getString(3)};
                String where = "profile = ? and provider = ? and name = ?";
                values.add(new Sealed("connections", "info", where, keys, Identities.info(keys[0], keys[1], keys[2]),
                        rows.getString(4)));
                values.add(new Sealed("connections", "record", where, keys,
                        Identities.connection(keys[0], keys[1], keys[2]), rows.getString(5)));
            }
        }
        try (Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery("select profile, provider, client_key, record from clients")) {
            while (rows.next()) {
                String[] keys = {rows.getString(1), rows.getString(2), rows.getString(3)};
                values.add(new Sealed("clients", "record", "profile = ? and provider = ? and client_key = ?", keys,
                        Identities.client(keys[0], keys[1], keys[2]), rows.getString(4)));
            }
        }
        try (Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery("select name, definition from custom_providers")) {
            while (rows.next()) {
                String[] keys = {rows.getString(1)};
                values.add(new Sealed("custom_providers", "definition", "name = ?", keys,
                        Identities.provider(keys[0]), rows.getString(2)));
            }
        }
        return values;
    }

    /** The data key wrapped anew for every member in the table. */
    private static void rewrap(Connection db, Keyring keyring) throws SQLException {
        List<String> publicKeys = new ArrayList<>();
        try (Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery("select public_key from members")) {
            while (rows.next()) {
                publicKeys.add(rows.getString(1));
            }
        }
        for (String publicKey : publicKeys) {
            try (PreparedStatement update = db.prepareStatement("update members set wrapped_key = ? where public_key = ?")) {
                update.setString(1, MemberKey.wrap(keyring, publicKey));
                update.setString(2, publicKey);
                update.executeUpdate();
            } catch (GeneralSecurityException e) {
                throw new SQLException("the member key " + MemberKey.fingerprint(publicKey) + " does not take a"
                        + " wrapped key: " + e.getMessage(), e);
            }
        }
    }
}
