package io.authsome.store.postgres.internal;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.vault.Connection;
import io.authsome.api.vault.ConnectionInfo;
import io.authsome.api.vault.OAuthClient;
import io.authsome.api.vault.ProfileStore;
import io.authsome.common.connection.ConnectionNames;
import io.authsome.common.connection.StoreErrors;
import io.authsome.common.json.Json;
import io.authsome.common.json.MalformedJsonException;
import io.authsome.common.seal.RecordCipher;
import io.authsome.common.seal.RecordCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * A profile's connections and OAuth clients as rows of the store: names in the clear, the record
 * and the listing facts (state, attributes, times) sealed. Every change is one transaction that
 * holds the provider's transaction lock, so concurrent writers of any runtime lose no update and
 * a provider always has exactly one default connection while it has any.
 */
final class PostgresProfileStore implements ProfileStore {
    private final Team team;
    private final String profile;

    PostgresProfileStore(Team team, String profile) {
        this.team = team;
        this.profile = profile;
    }

    @Override
    public String name() {
        return profile;
    }

    @Override
    public List<ConnectionInfo> connections() throws AuthsomeException {
        return team.remembered(LastKnown.listing(profile), db -> infos(db, null), listing -> true);
    }

    @Override
    public List<ConnectionInfo> connections(String provider) throws AuthsomeException {
        return connections().stream().filter(info -> info.provider().equals(provider)).toList();
    }

    @Override
    public Optional<String> defaultConnection(String provider) throws AuthsomeException {
        return team.remembered(LastKnown.defaultOf(profile, provider), db -> {
            try (PreparedStatement select = db.prepareStatement(
                    "select name from connections where profile = ? and provider = ? and is_default")) {
                select.setString(1, profile);
                select.setString(2, provider);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(rows.getString(1)) : Optional.<String>empty();
                }
            }
        }, known -> true);
    }

    @Override
    public Connection read(String provider, String name) throws AuthsomeException {
        return team.remembered(LastKnown.connection(profile, provider, name), db -> readRecord(db, provider, name, false),
                known -> known.expiresAt() == null || known.expiresAt().isAfter(Instant.now()));
    }

    @Override
    public void write(Connection connection, boolean replace) throws AuthsomeException {
        ConnectionNames.check(connection.name());
        team.write((db, cipher) -> {
            lockProvider(db, connection.provider());
            if (!replace && exists(db, connection.provider(), connection.name())) {
                throw StoreErrors.exists(profile, connection.provider(), connection.name());
            }
            store(db, cipher, connection);
            return null;
        });
    }

    @Override
    public Connection update(String provider, String name, UnaryOperator<Connection> change) throws AuthsomeException {
        return team.write((db, cipher) -> {
            lockProvider(db, provider);
            Connection changed = change.apply(readRecord(db, provider, name, true));
            if (!changed.provider().equals(provider) || !changed.name().equals(name)) {
                throw new IllegalArgumentException("an update cannot rename a connection");
            }
            store(db, cipher, changed);
            return changed;
        });
    }

    @Override
    public void delete(String provider, String name) throws AuthsomeException {
        team.write((db, cipher) -> {
            lockProvider(db, provider);
            boolean wasDefault = oneConnection(db, "delete from connections where profile = ? and provider = ? and"
                    + " name = ? returning is_default", provider, name, rows -> rows.getBoolean(1));
            if (wasDefault) {
                ensureDefault(db, provider);
            }
            forgetUnusedClients(db, provider);
            return null;
        });
    }

    @Override
    public void setDefault(String provider, String name) throws AuthsomeException {
        team.write((db, cipher) -> {
            lockProvider(db, provider);
            if (!exists(db, provider, name)) {
                throw notFound(provider, name);
            }
            update(db, "update connections set is_default = false where profile = ? and provider = ?", provider);
            update(db, "update connections set is_default = true where profile = ? and provider = ? and name = ?",
                    provider, name);
            return null;
        });
    }

    @Override
    public Optional<OAuthClient> client(String provider) throws AuthsomeException {
        return team.read(db -> readClient(db, provider, "is_current", null));
    }

    @Override
    public Optional<OAuthClient> client(String provider, String clientId) throws AuthsomeException {
        return team.read(db -> readClient(db, provider, "client_key = ?", Identities.clientKey(clientId)))
                .filter(client -> client.clientId().equals(clientId));
    }

    @Override
    public void writeClient(OAuthClient client) throws AuthsomeException {
        team.write((db, cipher) -> {
            lockProvider(db, client.provider());
            String key = Identities.clientKey(client.clientId());
            update(db, "update clients set is_current = false where profile = ? and provider = ? and is_current",
                    client.provider());
            try (PreparedStatement upsert = db.prepareStatement("insert into clients (profile, provider, client_key,"
                    + " is_current, record) values (?, ?, ?, true, ?) on conflict (profile, provider, client_key)"
                    + " do update set is_current = true, record = excluded.record")) {
                upsert.setString(1, profile);
                upsert.setString(2, client.provider());
                upsert.setString(3, key);
                upsert.setString(4, seal(cipher, RecordCodec.toJson(client),
                        Identities.client(profile, client.provider(), key)));
                upsert.executeUpdate();
            }
            forgetUnusedClients(db, client.provider());
            return null;
        });
    }

    @Override
    public List<OAuthClient> clients() throws AuthsomeException {
        return team.read(db -> {
            List<OAuthClient> clients = new ArrayList<>();
            try (PreparedStatement select = db.prepareStatement("select provider, client_key, record from clients where"
                    + " profile = ?")) {
                select.setString(1, profile);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        String identity = Identities.client(profile, rows.getString(1), rows.getString(2));
                        clients.add(client(parse(team.open(db, rows.getString(3), identity), identity), identity));
                    }
                }
            }
            clients.sort(Comparator.comparing(OAuthClient::provider).thenComparing(OAuthClient::clientId));
            return clients;
        });
    }

    @Override
    public void deleteClient(String provider) throws AuthsomeException {
        team.write((db, cipher) -> {
            lockProvider(db, provider);
            update(db, "delete from clients where profile = ? and provider = ?", provider);
            return null;
        });
    }

    private List<ConnectionInfo> infos(java.sql.Connection db, String provider) throws SQLException, AuthsomeException {
        List<ConnectionInfo> infos = new ArrayList<>();
        try (PreparedStatement select = db.prepareStatement("select provider, name, is_default, info from connections"
                + " where profile = ? and (?::text is null or provider = ?) order by provider collate \"C\","
                + " name collate \"C\"")) {
            select.setString(1, profile);
            select.setString(2, provider);
            select.setString(3, provider);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String rowProvider = rows.getString(1);
                    String name = rows.getString(2);
                    String identity = Identities.info(profile, rowProvider, name);
                    Map<String, Object> info = parse(team.open(db, rows.getString(4), identity), identity);
                    try {
                        infos.add(new ConnectionInfo(rowProvider, name, RecordCodec.state(info.get("state")),
                                rows.getBoolean(3), RecordCodec.strings(info.get("attributes")),
                                RecordCodec.instant(info.get("updated_at")), RecordCodec.instant(info.get("expires_at"))));
                    } catch (RuntimeException e) {
                        throw team.unreadable(identity, "it opens but is not a connection's facts");
                    }
                }
            }
        }
        return infos;
    }

    private Connection readRecord(java.sql.Connection db, String provider, String name, boolean forUpdate)
            throws SQLException, AuthsomeException {
        String sealed = oneConnection(db, "select record from connections where profile = ? and provider = ? and"
                + " name = ?" + (forUpdate ? " for update" : ""), provider, name, rows -> rows.getString(1));
        String identity = Identities.connection(profile, provider, name);
        Map<String, Object> json = parse(team.open(db, sealed, identity), identity);
        try {
            return RecordCodec.fromJson(json);
        } catch (RuntimeException e) {
            throw team.unreadable(identity, "it opens but is not a connection record");
        }
    }

    /** What one row gives. */
    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    /**
     * The first row of {@code sql} (whose parameters are the profile, {@code provider} and
     * {@code name}) read by {@code reader}.
     *
     * @throws AuthsomeException {@code CONNECTION_NOT_FOUND} when there is none
     */
    private <T> T oneConnection(java.sql.Connection db, String sql, String provider, String name, RowReader<T> reader)
            throws SQLException, AuthsomeException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setString(1, profile);
            statement.setString(2, provider);
            statement.setString(3, name);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    throw notFound(provider, name);
                }
                return reader.read(rows);
            }
        }
    }

    private Optional<OAuthClient> readClient(java.sql.Connection db, String provider, String condition, String key)
            throws SQLException, AuthsomeException {
        try (PreparedStatement select = db.prepareStatement("select client_key, record from clients where profile = ?"
                + " and provider = ? and " + condition)) {
            select.setString(1, profile);
            select.setString(2, provider);
            if (key != null) {
                select.setString(3, key);
            }
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                String identity = Identities.client(profile, provider, rows.getString(1));
                return Optional.of(client(parse(team.open(db, rows.getString(2), identity), identity), identity));
            }
        }
    }

    /** Writes the record and its listing facts; the provider's first connection becomes its default. */
    private void store(java.sql.Connection db, RecordCipher cipher, Connection connection)
            throws SQLException, AuthsomeException {
        String provider = connection.provider();
        String name = connection.name();
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("state", connection.state().id());
        info.put("attributes", new LinkedHashMap<>(connection.attributes()));
        info.put("updated_at", connection.updatedAt().toString());
        info.put("expires_at", connection.expiresAt() == null ? null : connection.expiresAt().toString());
        try (PreparedStatement upsert = db.prepareStatement("insert into connections (profile, provider, name, info,"
                + " record) values (?, ?, ?, ?, ?) on conflict (profile, provider, name) do update set info ="
                + " excluded.info, record = excluded.record")) {
            upsert.setString(1, profile);
            upsert.setString(2, provider);
            upsert.setString(3, name);
            upsert.setString(4, seal(cipher, info, Identities.info(profile, provider, name)));
            upsert.setString(5, seal(cipher, RecordCodec.toJson(connection), Identities.connection(profile, provider, name)));
            upsert.executeUpdate();
        }
        ensureDefault(db, provider);
        forgetUnusedClients(db, provider);
    }

    /** Makes the provider's first connection by name its default when it has none. */
    private void ensureDefault(java.sql.Connection db, String provider) throws SQLException {
        update(db, "update connections set is_default = true where profile = ? and provider = ? and name = (select"
                + " name from connections where profile = ? and provider = ? order by name collate \"C\" limit 1)"
                + " and not exists (select 1 from connections where profile = ? and provider = ? and is_default)",
                provider, profile, provider, profile, provider);
    }

    /** Deletes the replaced OAuth clients of {@code provider} that no connection uses any more. */
    private void forgetUnusedClients(java.sql.Connection db, String provider) throws SQLException, AuthsomeException {
        try (PreparedStatement kept = db.prepareStatement("select 1 from clients where profile = ? and provider = ?"
                + " and not is_current limit 1")) {
            kept.setString(1, profile);
            kept.setString(2, provider);
            try (ResultSet rows = kept.executeQuery()) {
                if (!rows.next()) {
                    return;
                }
            }
        }
        Set<String> used = new TreeSet<>();
        for (ConnectionInfo info : infos(db, provider)) {
            String clientId = info.attributes().get(Connection.CLIENT_ID);
            if (clientId != null) {
                used.add(Identities.clientKey(clientId));
            }
        }
        try (PreparedStatement delete = db.prepareStatement("delete from clients where profile = ? and provider = ?"
                + " and not is_current and not (client_key = any (?))")) {
            delete.setString(1, profile);
            delete.setString(2, provider);
            delete.setArray(3, db.createArrayOf("text", used.toArray()));
            delete.executeUpdate();
        }
    }

    private boolean exists(java.sql.Connection db, String provider, String name) throws SQLException {
        try (PreparedStatement select = db.prepareStatement(
                "select 1 from connections where profile = ? and provider = ? and name = ?")) {
            select.setString(1, profile);
            select.setString(2, provider);
            select.setString(3, name);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        }
    }

    /**
     * Holds the provider's transaction lock in this profile, so that its writes happen one after
     * the other, and announces the change to every runtime when the transaction commits.
     */
    private void lockProvider(java.sql.Connection db, String provider) throws SQLException {
        try (PreparedStatement lock = db.prepareStatement("select pg_advisory_xact_lock(?)")) {
            lock.setLong(1, Identities.lockKey("authsome/provider/" + profile + "/" + provider));
            lock.execute();
        }
        Team.announce(db, profile + "/" + provider);
    }

    /** Runs {@code sql} with the profile, then {@code values}, as its parameters. */
    private void update(java.sql.Connection db, String sql, String... values) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setString(1, profile);
            for (int i = 0; i < values.length; i++) {
                statement.setString(i + 2, values[i]);
            }
            statement.executeUpdate();
        }
    }

    private OAuthClient client(Map<String, Object> json, String identity) throws AuthsomeException {
        try {
            return RecordCodec.clientFromJson(json);
        } catch (RuntimeException e) {
            throw team.unreadable(identity, "it opens but is not an OAuth client record");
        }
    }

    private static String seal(RecordCipher cipher, Map<String, Object> json, String identity) {
        return Json.writeLine(cipher.seal(Json.writeLine(json).getBytes(StandardCharsets.UTF_8), identity));
    }

    private Map<String, Object> parse(byte[] plain, String identity) throws AuthsomeException {
        try {
            return Json.parseObject(plain);
        } catch (MalformedJsonException e) {
            throw team.unreadable(identity, "it opens but is not JSON");
        }
    }

    private AuthsomeException notFound(String provider, String name) {
        return StoreErrors.notFound(profile, provider, name);
    }
}
