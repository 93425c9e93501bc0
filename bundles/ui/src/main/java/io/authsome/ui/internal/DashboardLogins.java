package io.authsome.ui.internal;

import io.authsome.api.login.Logins;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The logins started from the dashboard: at most one per browser session, each on a thread of
 * its own in the daemon, each ended by its timeout (plus a grace for the exchange that follows
 * the person's part) if it has not ended by then. Thread-safe.
 */
final class DashboardLogins {
    /** How long a login may take after its timeout before it is stopped. */
    static final Duration GRACE = Duration.ofSeconds(30);

    private final Logins logins;
    private final String returnAddress;
    private final PrintStream warnings;
    private final Clock clock;
    private final Map<String, DashboardLogin> bySession = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timeouts = Executors.newSingleThreadScheduledExecutor(
            Threads.named("authsome-dashboard-login-timeouts"));

    /**
     * @param returnAddress the dashboard's page of a login, where the loopback callback sends the
     *                      browser back to
     */
    DashboardLogins(Logins logins, String returnAddress, PrintStream warnings, Clock clock) {
        this.logins = logins;
        this.returnAddress = returnAddress;
        this.warnings = warnings;
        this.clock = clock;
    }

    /**
     * Starts {@code order} for {@code session}, unless a login of the session still runs.
     *
     * @return the session's login: the new one, or the one that still runs
     */
    DashboardLogin start(SignIns.Session session, Logins.Order order, String displayName) {
        DashboardLogin started = new DashboardLogin(order, displayName, returnAddress, clock);
        DashboardLogin login = bySession.compute(session.id(),
                (id, running) -> running != null && running.running() ? running : started);
        if (login != started) {
            return login;
        }
        Threads.start("authsome-dashboard-login", () -> {
            try {
                login.run(logins);
            } catch (Error e) {
                warnings.println("authsome dashboard: the login of " + order.provider() + " failed: " + e);
                throw e;
            }
        });
        timeouts.schedule(() -> login.stop("The login to " + displayName + " took longer than "
                + order.timeout().toSeconds() + " seconds and was stopped."),
                order.timeout().plus(GRACE).toMillis(), TimeUnit.MILLISECONDS);
        return login;
    }

    /** The login of {@code session}, running or ended and not yet reported. */
    Optional<DashboardLogin> of(SignIns.Session session) {
        return Optional.ofNullable(bySession.get(session.id()));
    }

    /** Forgets the ended login of {@code session}, once its result was shown. */
    void forget(SignIns.Session session, DashboardLogin login) {
        bySession.remove(session.id(), login);
    }

    /** Stops the login of {@code session} (it signs out) and forgets it. */
    void stop(SignIns.Session session) {
        DashboardLogin login = bySession.remove(session.id());
        if (login != null) {
            login.stop("The dashboard session ended.");
        }
    }

    /** Stops every login (the dashboard stops). */
    void close() {
        bySession.values().forEach(login -> login.stop("The dashboard stopped."));
        bySession.clear();
        timeouts.shutdownNow();
    }
}
