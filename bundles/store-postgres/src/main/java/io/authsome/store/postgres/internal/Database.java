package io.authsome.store.postgres.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The pool of connections to the store's database, and the translation of its failures into
 * errors that name the store and the cause: a database that cannot be reached or refuses the
 * login is {@code RUNTIME_UNAVAILABLE} (exit 9), and a transaction that fails changes nothing.
 * After such a failure the database is tried again only after a back-off (half a second, doubled
 * up to 30 s), with one quick connection of its own: meanwhile every use fails at once, so that a
 * long-lived runtime serves what it has cached instead of waiting on the pool.
 */
final class Database implements AutoCloseable {
    /** Work on one connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException, AuthsomeException;
    }

    /** HikariCP's own INFO lines would land on the console of every command. */
    private static final Logger POOL_LOG = Logger.getLogger("com.zaxxer.hikari");
    private static final int CONNECT_TIMEOUT_SECONDS = 5;
    /** How long a use waits for a free connection of the pool (or for the pool to make one). */
    private static final long POOL_WAIT_MILLIS = 10_000;
    private static final long FIRST_BACKOFF_MILLIS = 500;
    private static final long LONGEST_BACKOFF_MILLIS = 30_000;

    private final String url;
    private final PGSimpleDataSource source;
    private final HikariDataSource pool;
    /** The back-off after the last failure to reach the database: none while it answers. */
    private volatile Outage outage;

    private record Outage(AuthsomeException failure, long retryAt, long backoffMillis) {
    }

    /**
     * A pool that connects on first use.
     *
     * @param password the password, or {@code null} for none (a {@code .pgpass} file, trust)
     */
    Database(String url, String user, char[] password, int maxConnections) throws AuthsomeException {
        this.url = url;
        POOL_LOG.setLevel(Level.WARNING);
        source = new PGSimpleDataSource();
        try {
            source.setURL(url);
        } catch (IllegalArgumentException e) {
            throw new AuthsomeException(ErrorCode.INVALID_INPUT, "store.url '" + url + "' is not a PostgreSQL JDBC URL",
                    "set store.url to jdbc:postgresql://HOST:PORT/DATABASE (see docs/team.md)");
        }
        if (!user.isEmpty()) {
            source.setUser(user);
        }
        if (password != null) {
            source.setPassword(new String(password));
        }
        source.setApplicationName("authsome");
        source.setConnectTimeout(CONNECT_TIMEOUT_SECONDS);
        source.setLoginTimeout(CONNECT_TIMEOUT_SECONDS);
        source.setSocketTimeout(60);
        source.setTcpKeepAlive(true);
        HikariConfig config = new HikariConfig();
        config.setDataSource(source);
        config.setPoolName("authsome-store");
        config.setMaximumPoolSize(maxConnections);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(POOL_WAIT_MILLIS);
        config.setInitializationFailTimeout(-1);
        pool = new HikariDataSource(config);
    }

    /** The store as messages name it: its URL, which holds no password. */
    String describe() {
        return describe(url);
    }

    /** The store at {@code url} as messages name it. */
    static String describe(String url) {
        return "the postgres store at " + url;
    }

    /** {@code work} in one transaction, committed when it returns and rolled back when it throws. */
    <T> T transaction(Work<T> work) throws AuthsomeException {
        awaitBackoff();
        try (Connection connection = pool.getConnection()) {
            return inTransaction(connection, work);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** {@code work} in one transaction on a new connection outside the pool, closed afterwards. */
    <T> T once(Work<T> work) throws AuthsomeException {
        try (Connection connection = dedicated()) {
            return inTransaction(connection, work);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** {@code work} on a connection of the pool, each statement on its own. */
    <T> T read(Work<T> work) throws AuthsomeException {
        awaitBackoff();
        try (Connection connection = pool.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** A connection of its own, outside the pool, for locks held for as long as it lives. */
    Connection dedicated() throws AuthsomeException {
        try {
            return source.getConnection();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /**
     * What a failed statement means for the user: the store named, the cause, what to do. A
     * database that cannot be reached starts (or lengthens) the back-off.
     */
    AuthsomeException failure(SQLException e) {
        AuthsomeException failure = meaning(e);
        boolean busy = e instanceof SQLTransientConnectionException && e.getCause() == null;
        if (failure.code() == ErrorCode.RUNTIME_UNAVAILABLE && !busy) {
            Outage last = outage;
            long backoff = last == null ? FIRST_BACKOFF_MILLIS : Math.min(LONGEST_BACKOFF_MILLIS, last.backoffMillis() * 2);
            outage = new Outage(failure, System.nanoTime() + backoff * 1_000_000, backoff);
        }
        return failure;
    }

    /** Whether the database failed to answer last time and has not answered since. */
    boolean unreachable() {
        return outage != null;
    }

    /**
     * Fails at once during a back-off; after it, tries one connection of its own (quick to fail)
     * before the pool is used again.
     */
    private void awaitBackoff() throws AuthsomeException {
        Outage last = outage;
        if (last == null) {
            return;
        }
        if (System.nanoTime() < last.retryAt()) {
            throw new AuthsomeException(last.failure().code(), last.failure().getMessage(), last.failure().nextStep());
        }
        try (Connection probe = source.getConnection()) {
            outage = null;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private AuthsomeException meaning(SQLException e) {
        if (e instanceof CommitUnknown) {
            return new AuthsomeException(ErrorCode.RUNTIME_UNAVAILABLE, describe() + " went away while a change was"
                    + " being committed (" + e.getMessage() + "): it may have been made or not",
                    "once the database answers, check with authsome list or authsome get, then run the command again"
                            + " if the change is missing");
        }
        if (e instanceof SQLTransientConnectionException && e.getCause() == null) {
            // The pool connects fine but every connection stayed in use: a busy runtime, not an outage.
            return new AuthsomeException(ErrorCode.RUNTIME_UNAVAILABLE, describe() + " is busy: no connection of this"
                    + " runtime's pool came free within " + POOL_WAIT_MILLIS / 1000 + " s; nothing was changed",
                    "try again");
        }
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.startsWith("28") || state.equals("08004")) { // invalid authorization; the server rejected the connection
            return new AuthsomeException(ErrorCode.RUNTIME_UNAVAILABLE, describe() + " refused the login: "
                    + e.getMessage(), "set AUTHSOME_STORE_PASSWORD, or store.password_file in config.json, to the"
                    + " password of the database user (see docs/team.md)");
        }
        if (state.startsWith("08") || state.startsWith("57P") || e instanceof SQLTransientConnectionException) {
            return new AuthsomeException(ErrorCode.RUNTIME_UNAVAILABLE, describe() + " cannot be reached: "
                    + cause(e) + "; nothing was changed", "check that the database is up and that store.url is"
                    + " right; then authsome doctor");
        }
        return new AuthsomeException(ErrorCode.UNEXPECTED, describe() + " failed: " + e.getMessage()
                + (state.isEmpty() ? "" : " (SQL state " + state + ")") + "; nothing was changed", "authsome doctor");
    }

    @Override
    public void close() {
        pool.close();
    }

    /** A commit whose answer never came: the change may have been made or not. */
    private static final class CommitUnknown extends SQLException {
        private static final long serialVersionUID = 1L;

        CommitUnknown(SQLException cause) {
            super(cause.getMessage(), cause.getSQLState(), cause);
        }
    }

    private static <T> T inTransaction(Connection connection, Work<T> work) throws SQLException, AuthsomeException {
        connection.setAutoCommit(false);
        T result;
        try {
            result = work.run(connection);
        } catch (SQLException | AuthsomeException | RuntimeException e) {
            rollback(connection);
            throw e;
        }
        try {
            connection.commit();
        } catch (SQLException e) {
            throw new CommitUnknown(e);
        }
        return result;
    }

    private static String cause(SQLException e) {
        Throwable inner = e;
        while (inner.getCause() != null && inner.getCause() != inner) {
            inner = inner.getCause();
        }
        return inner == e ? e.getMessage() : e.getMessage() + " (" + inner.getMessage() + ")";
    }

    private static void rollback(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // The connection is broken; the pool drops it and the transaction never committed.
        }
    }
}
