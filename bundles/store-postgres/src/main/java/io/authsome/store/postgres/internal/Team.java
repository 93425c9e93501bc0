package io.authsome.store.postgres.internal;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.store.StoreBackend;
import io.authsome.common.json.Json;
import io.authsome.common.json.MalformedJsonException;
import io.authsome.common.seal.RecordCipher;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The store's database with the team's data key: reads that open sealed values, and writes that
 * seal them inside one transaction under the keyring lock and announce what they changed. Writes
 * are refused while the schema is newer than this runtime knows. In a long-lived runtime, what the
 * reads got is kept ({@link LastKnown}) and served while the database cannot be reached.
 */
final class Team implements AutoCloseable {
    /** A write in one transaction, with the cipher of the team's current key. */
    @FunctionalInterface
    interface Write<T> {
        T run(Connection connection, RecordCipher cipher) throws SQLException, AuthsomeException;
    }

    private final Database database;
    private final TeamKeys keys;
    /** Set while this thread holds a refresh lock: what it reads must come from the database. */
    private static final ThreadLocal<Boolean> FRESH = new ThreadLocal<>();

    private final int schemaVersion;
    private final LastKnown lastKnown;
    private final ChangeListener listener;

    /**
     * @param longLived whether to keep what reads got, and to listen for the changes that drop it
     */
    Team(Database database, TeamKeys keys, int schemaVersion, boolean longLived) {
        this.database = database;
        this.keys = keys;
        this.schemaVersion = schemaVersion;
        lastKnown = longLived ? new LastKnown() : null;
        listener = longLived ? new ChangeListener(database, lastKnown) : null;
        if (listener != null) {
            listener.start();
        }
    }

    Database database() {
        return database;
    }

    TeamKeys keys() {
        return keys;
    }

    /** The schema version of the database, as this runtime found it at start. */
    int schemaVersion() {
        return schemaVersion;
    }

    <T> T read(Database.Work<T> work) throws AuthsomeException {
        return database.read(work);
    }

    /**
     * A read whose result a long-lived runtime keeps under {@code key}: when the database cannot
     * be reached (an outage, not a busy pool), the kept result is served if it is still
     * {@code usable}; never to a thread that holds a refresh lock ({@link #fresh}), which must not
     * present a refresh token that another runtime may have used since.
     */
    @SuppressWarnings("unchecked")
    <T> T remembered(String key, Database.Work<T> work, Predicate<T> usable) throws AuthsomeException {
        try {
            T value = database.read(work);
            if (lastKnown != null) {
                lastKnown.remember(key, value);
            }
            return value;
        } catch (AuthsomeException e) {
            boolean outage = e.code() == ErrorCode.RUNTIME_UNAVAILABLE && database.unreachable();
            Object kept = lastKnown == null || !outage || FRESH.get() != null ? null : lastKnown.get(key);
            if (kept != null && usable.test((T) kept)) {
                return (T) kept;
            }
            throw e;
        }
    }

    /** Runs {@code action} with every read of this thread from the database, none from memory. */
    static <T> T fresh(StoreBackend.Locked<T> action) throws AuthsomeException {
        Boolean outer = FRESH.get();
        FRESH.set(Boolean.TRUE);
        try {
            return action.run();
        } finally {
            if (outer == null) {
                FRESH.remove();
            }
        }
    }

    /** Tells every runtime, when the transaction of {@code db} commits, that {@code change} changed. */
    static void announce(Connection db, String change) throws SQLException {
        try (PreparedStatement notify = db.prepareStatement("select pg_notify('" + ChangeListener.CHANNEL + "', ?)")) {
            notify.setString(1, change);
            notify.execute();
        }
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
        if (listener != null) {
            listener.close();
        }
        database.close();
    }
}
