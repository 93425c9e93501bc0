package io.authsome.store.postgres.internal;

import io.authsome.api.AuthsomeException;
import io.authsome.api.store.StoreBackend;
import io.authsome.common.lock.KeyedLocks;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

/**
 * One refresh at a time per connection across every runtime that shares the store: a lock per
 * connection in this process, then a PostgreSQL advisory lock held on a session of its own (not a
 * pooled connection, so that the refresh's own writes never wait for the pool). PostgreSQL
 * releases the advisory locks of a session whose runtime died, so a crashed holder blocks no one
 * for longer than its connection takes to drop.
 */
final class RefreshLocks implements AutoCloseable {
    static final long WAIT_SECONDS = 120;
    private static final long POLL_MILLIS = 20;

    private final Database database;
    private final KeyedLocks<String> local = new KeyedLocks<>(WAIT_SECONDS);
    private Connection session;

    RefreshLocks(Database database) {
        this.database = database;
    }

    <T> T withLock(String profile, String provider, String connection, StoreBackend.Locked<T> action)
            throws AuthsomeException {
        String name = profile + "/" + provider + "/" + connection;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        try (KeyedLocks.Held held = local.lock(name, name)) {
            long key = Identities.lockKey("authsome/refresh/" + name);
            while (!tryLock(key)) {
                if (System.nanoTime() > deadline) {
                    throw local.busy(name);
                }
                try {
                    Thread.sleep(POLL_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw local.busy(name);
                }
            }
            try {
                return action.run();
            } finally {
                unlock(key);
            }
        }
    }

    @Override
    public synchronized void close() {
        drop();
    }

    private synchronized boolean tryLock(long key) throws AuthsomeException {
        try {
            if (session == null || session.isClosed()) {
                session = database.dedicated();
            }
            try (PreparedStatement select = session.prepareStatement("select pg_try_advisory_lock(?)")) {
                select.setLong(1, key);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() && rows.getBoolean(1);
                }
            }
        } catch (SQLException e) {
            drop();
            throw database.failure(e);
        }
    }

    /** Releases the lock; a session that broke meanwhile released it already. */
    private synchronized void unlock(long key) {
        if (session == null) {
            return;
        }
        try (PreparedStatement select = session.prepareStatement("select pg_advisory_unlock(?)")) {
            select.setLong(1, key);
            select.execute();
        } catch (SQLException e) {
            drop();
        }
    }

    private void drop() {
        if (session != null) {
            try {
                session.close();
            } catch (SQLException ignored) {
                // closing a broken session: its locks are gone with it
            }
            session = null;
        }
    }
}
