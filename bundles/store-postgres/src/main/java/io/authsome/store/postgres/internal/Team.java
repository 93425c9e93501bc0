package io.authsome.store.postgres.internal;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.common.json.Json;
import io.authsome.common.json.MalformedJsonException;
import io.authsome.common.seal.RecordCipher;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * The store's database with the team's data key: reads that open sealed values, and writes that
 * seal them inside one transaction under the keyring lock. Writes are refused while the schema is
 * newer than this runtime knows.
 */
final class Team implements AutoCloseable {
    /** A write in one transaction, with the cipher of the team's current key. */
    @FunctionalInterface
    interface Write<T> {
        T run(Connection connection, RecordCipher cipher) throws SQLException, AuthsomeException;
    }

    private final Database database;
    private final TeamKeys keys;
    private final int schemaVersion;

    Team(Database database, TeamKeys keys, int schemaVersion) {
        this.database = database;
        this.keys = keys;
        this.schemaVersion = schemaVersion;
    }

    Database database() {
        return database;
    }

    TeamKeys keys() {
        return keys;
    }

    <T> T read(Database.Work<T> work) throws AuthsomeException {
        return database.read(work);
    }

    /** {@code work} in one transaction that seals with the current data key (made on the first write to the store). */
    <T> T write(Write<T> work) throws AuthsomeException {
        if (schemaVersion > Migrations.LATEST) {
            throw Migrations.tooNew(database, schemaVersion);
        }
        keys.createIfMissing();
        return database.transaction(connection -> work.run(connection, keys.forWrite(connection)));
    }

    /**
     * {@code work} in one transaction that holds the keyring lock alone, for a change of the data
     * key or of who holds it: no write seals anything meanwhile.
     */
    <T> T exclusive(Database.Work<T> work) throws AuthsomeException {
        if (schemaVersion > Migrations.LATEST) {
            throw Migrations.tooNew(database, schemaVersion);
        }
        return database.transaction(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("select pg_advisory_xact_lock(" + TeamKeys.KEYRING_LOCK + ")");
            }
            return work.run(connection);
        });
    }

    /** The plaintext of a sealed value; the data key is read again once when the value names a newer key. */
    byte[] open(Connection connection, String sealed, String identity) throws SQLException, AuthsomeException {
        Map<String, Object> envelope;
        try {
            envelope = Json.parseObject(sealed.getBytes(StandardCharsets.UTF_8));
        } catch (MalformedJsonException e) {
            throw unreadable(identity, "it is not a sealed value (" + e.getMessage() + ")");
        }
        try {
            try {
                return keys.forRead(connection).open(envelope, identity);
            } catch (RecordCipher.UnknownKeyException rotated) {
                return keys.reload(connection).open(envelope, identity);
            }
        } catch (RecordCipher.UnreadableRecordException e) {
            throw unreadable(identity, e.getMessage());
        }
    }

    /** A value of the store that does not open: named, with the way out. */
    AuthsomeException unreadable(String identity, String reason) {
        return new AuthsomeException(ErrorCode.CREDENTIAL_UNAVAILABLE, "the record " + identity + " in "
                + database.describe() + " cannot be read: " + reason, "authsome doctor; then log in again to replace it");
    }

    @Override
    public void close() {
        database.close();
    }
}
