package io.authsome.store.postgres.internal;

import io.authsome.api.AuthsomeException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Hears the changes other runtimes commit to the store ({@code NOTIFY authsome_changes} with
 * {@code profile/provider}, or {@code *} for the profiles themselves) on a session of its own,
 * and drops what {@link LastKnown} holds of them at once. When the session breaks, whatever was
 * announced meanwhile is unknown: everything is dropped once it listens again, and it tries
 * again with the database's back-off.
 */
final class ChangeListener implements Runnable, AutoCloseable {
    /** The channel every write announces itself on. */
    static final String CHANNEL = "authsome_changes";
    private static final Logger LOG = Logger.getLogger(ChangeListener.class.getName());
    private static final int WAIT_MILLIS = 1000;

    private final Database database;
    private final LastKnown lastKnown;
    private final Thread thread;
    private volatile boolean closed;

    ChangeListener(Database database, LastKnown lastKnown) {
        this.database = database;
        this.lastKnown = lastKnown;
        thread = new Thread(this, "authsome-store-changes");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    @Override
    public void run() {
        long backoff = 500;
        while (!closed) {
            try (Connection session = database.dedicated()) {
                try (Statement listen = session.createStatement()) {
                    listen.execute("listen " + CHANNEL);
                }
                lastKnown.clear();
                backoff = 500;
                PGConnection notifications = session.unwrap(PGConnection.class);
                while (!closed) {
                    PGNotification[] heard = notifications.getNotifications(WAIT_MILLIS);
                    if (heard != null) {
                        for (PGNotification notification : heard) {
                            apply(notification.getParameter());
                        }
                    }
                }
            } catch (AuthsomeException | SQLException e) {
                if (closed) {
                    return;
                }
                LOG.log(Level.FINE, "store change session lost", e);
                sleep(backoff);
                backoff = Math.min(30_000, backoff * 2);
            }
        }
    }

    /** Drops what a change names: {@code profile/provider}, or everything for {@code *}. */
    void apply(String change) {
        int slash = change.indexOf('/');
        if (slash < 0) {
            lastKnown.clear();
        } else {
            lastKnown.changed(change.substring(0, slash), change.substring(slash + 1));
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
