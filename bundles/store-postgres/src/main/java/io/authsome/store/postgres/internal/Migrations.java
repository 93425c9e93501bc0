package io.authsome.store.postgres.internal;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * The schema of the store, created and brought up to date by versioned scripts
 * ({@code db/V<n>__<what>.sql} in this bundle), each applied once, in order, in one transaction
 * with its row in {@code authsome_schema}. Runtimes that start at once take turns (a transaction
 * lock). It runs on a connection of its own, before the pool serves any: a database that cannot be
 * reached, or refuses the login, says so at once and precisely. A database whose schema is newer than this runtime knows is read but never written.
 */
final class Migrations {
    /** The scripts, in order: the schema version is the number of them applied. */
    static final String[] SCRIPTS = {"V1__vault.sql", "V2__audit.sql", "V3__providers.sql"};
    /** The version this runtime writes. */
    static final int LATEST = SCRIPTS.length;
    private static final long MIGRATION_LOCK = 0x6175746873_01L;

    private Migrations() {
    }

    /**
     * Applies the scripts the database lacks.
     *
     * @return the schema version of the database afterwards, {@link #LATEST} or newer
     */
    static int apply(Database database, String by) throws AuthsomeException {
        return database.once(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("select pg_advisory_xact_lock(" + MIGRATION_LOCK + ")");
                statement.execute("create table if not exists authsome_schema (version integer primary key,"
                        + " applied_at timestamptz not null default now(), applied_by text not null)");
                int current;
                try (ResultSet rows = statement.executeQuery("select coalesce(max(version), 0) from authsome_schema")) {
                    rows.next();
                    current = rows.getInt(1);
                }
                for (int version = current + 1; version <= LATEST; version++) {
                    statement.execute(script(SCRIPTS[version - 1]));
                    try (PreparedStatement applied = connection.prepareStatement(
                            "insert into authsome_schema (version, applied_by) values (?, ?)")) {
                        applied.setInt(1, version);
                        applied.setString(2, by);
                        applied.executeUpdate();
                    }
                }
                return Math.max(current, LATEST);
            }
        });
    }

    /** The refusal to write to a database whose schema is newer than this runtime's. */
    static AuthsomeException tooNew(Database database, int version) {
        return new AuthsomeException(ErrorCode.RUNTIME_UNAVAILABLE, database.describe() + " has schema version "
                + version + ", newer than this authsome knows (" + LATEST + "): it reads the store but changes nothing",
                "upgrade authsome on this machine to the version the other members use");
    }

    private static String script(String name) {
        try (InputStream in = Migrations.class.getResourceAsStream("/db/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the migration " + name + " is missing from the bundle");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the migration " + name, e);
        }
    }
}
