package io.authsome.store.internal.credential;

import io.authsome.api.AuthsomeException;
import io.authsome.api.config.Configuration;
import io.authsome.api.vault.ConnectionInfo;
import io.authsome.api.vault.ConnectionState;
import io.authsome.api.vault.Vault;
import io.authsome.common.home.DaemonRuntime;
import io.authsome.store.internal.VaultComponent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.ComponentServiceObjects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * In the daemon only, renews the OAuth access tokens of every profile as they come due (the rule
 * of {@link RefreshDecision}), whether or not anything uses them, so that a request never waits on
 * a token endpoint. Each renewal goes through {@link StoreCredentialResolver#renewIfDue}, the path
 * of one-shot commands: the connection's lock across processes, the record read again under it,
 * the save, the marking and the audit ({@code by: background}).
 * <p>
 * One thread, {@value #THREAD}, reads the profile indexes (no record is decrypted to find what is
 * due) and sleeps until the earliest due time, at most {@link #LONGEST_SLEEP}, so that new logins
 * and a changed {@code refresh.lead_seconds} are seen. A vault still locked (passphrase mode, no
 * passphrase taken yet) is skipped without asking for it. A failure that may pass is retried after
 * {@link #FIRST_BACKOFF}, doubling up to {@link #LONGEST_BACKOFF}; a rejected refresh leaves the
 * connection {@code invalid}, which is not tried again until a new login replaces it. Outside the
 * daemon (framework property {@value DaemonRuntime#PROPERTY}) the component starts nothing, and does not even get
 * its services: a one-shot command must not activate the resolver, the audit log and the OAuth
 * renewer it does not use (the audit log reports bad settings when it is activated).
 */
@Component
public final class BackgroundRefresh {
    static final String THREAD = "authsome-refresh";
    static final Duration LONGEST_SLEEP = Duration.ofSeconds(60);
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(30);
    static final Duration LONGEST_BACKOFF = Duration.ofMinutes(15);
    /** How long deactivation waits for a renewal in flight before it leaves it to finish alone. */
    static final Duration STOP_WAIT = Duration.ofSeconds(10);

    /**
     * Why a connection is left alone until {@code until}: for its token issued at {@code issuedAt}
     * (forgotten once a new token comes, by a login or another process), or, when that is
     * {@code null}, whatever its token (right after this component renewed it).
     */
    private record Hold(Instant issuedAt, int failures, Instant until) {
    }

    @Reference
    private ComponentServiceObjects<Vault> vaults;

    @Reference
    private ComponentServiceObjects<StoreCredentialResolver> resolvers;

    @Reference
    private ComponentServiceObjects<Configuration> configurations;

    private Vault vault;
    private StoreCredentialResolver resolver;
    private Configuration configuration;

    /** Only the refresh thread (or a test calling {@link #pass}) touches it. */
    private final Map<String, Hold> holds = new HashMap<>();
    Clock clock = Clock.systemUTC();
    private volatile boolean stopped;
    private Thread thread;

    @Activate
    void activate(BundleContext context) {
        if (DaemonRuntime.isDaemon(context)) {
            open();
            start();
        }
    }

    /** SCR releases the services {@link #open} got once this returns. */
    @Deactivate
    void deactivate() {
        stop();
    }

    /** Gets the services, activating them. */
    void open() {
        vault = vaults.getService();
        resolver = resolvers.getService();
        configuration = configurations.getService();
    }

    synchronized void start() {
        stopped = false;
        thread = new Thread(this::run, THREAD);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Ends the thread: a sleep at once; a renewal in flight is not interrupted (its new refresh
     * token must be saved, or a provider that rotates them would end the session) but waited for,
     * up to {@link #STOP_WAIT}, after which it finishes alone and lets go of its lock.
     */
    void stop() {
        Thread running;
        synchronized (this) {
            stopped = true;
            notifyAll();
            running = thread;
            thread = null;
        }
        if (running != null) {
            try {
                running.join(STOP_WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        while (!stopped) {
            Instant next;
            try {
                next = pass();
            } catch (RuntimeException e) {
                // A bug must not end background refresh for the daemon's lifetime; try again later.
                next = clock.instant().plus(LONGEST_SLEEP);
            }
            synchronized (this) {
                long millis;
                while (!stopped && (millis = Duration.between(clock.instant(), next).toMillis()) > 0) {
                    try {
                        wait(millis);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }
    }

    /**
     * Renews every token that is due and not held back.
     *
     * @return when to look again: the earliest due time or end of a hold, at most
     *         {@link #LONGEST_SLEEP} away; now, after a renewal, to read the new expiry
     */
    Instant pass() {
        Instant now = clock.instant();
        Instant next = now.plus(LONGEST_SLEEP);
        if (vault instanceof VaultComponent local && !local.opensWithoutAsking()) {
            return next;
        }
        long lead = configuration.current().refresh().leadSeconds();
        Set<String> seen = new HashSet<>();
        List<String> profiles;
        try {
            profiles = vault.profiles();
        } catch (AuthsomeException unreachable) {
            return next; // a store that cannot be reached now: the commands that use it say why
        }
        for (String profile : profiles) {
            List<ConnectionInfo> connections;
            try {
                connections = vault.profile(profile).connections();
            } catch (AuthsomeException unreadable) {
                continue; // deleted meanwhile, or damaged: doctor reports it; the others are still renewed
            }
            for (ConnectionInfo info : connections) {
                if (stopped) {
                    return next;
                }
                if (!watched(info)) {
                    continue;
                }
                String key = profile + "/" + info.provider() + "/" + info.name();
                seen.add(key);
                Instant issued = TokenRecords.issuedAt(info);
                Hold hold = holds.get(key);
                if (hold != null && hold.issuedAt() != null && !hold.issuedAt().equals(issued)) {
                    holds.remove(key);
                    hold = null;
                }
                Instant at = RefreshDecision.renewalTime(issued, info.expiresAt(), lead);
                if (hold != null && hold.until().isAfter(at)) {
                    at = hold.until();
                }
                if (at.isAfter(now)) {
                    next = earlier(next, at);
                } else {
                    holds.put(key, renew(profile, info, issued, hold));
                    next = now;
                }
            }
        }
        holds.keySet().retainAll(seen);
        return next;
    }

    /** OAuth tokens with an expiry that a renewal can help; an invalid one waits for a new login. */
    private static boolean watched(ConnectionInfo info) {
        return info.expiresAt() != null
                && (info.state() == ConnectionState.CONNECTED || info.state() == ConnectionState.EXPIRED);
    }

    /** Renews one token; answers what holds it back afterwards. */
    private Hold renew(String profile, ConnectionInfo info, Instant issued, Hold before) {
        StoreCredentialResolver.Outcome outcome;
        try {
            outcome = resolver.renewIfDue(profile, info.provider(), info.name());
        } catch (AuthsomeException | RuntimeException e) {
            // Saved, marked and audited by the resolver; an invalid connection is not watched any more.
            outcome = StoreCredentialResolver.Outcome.KEPT;
        }
        Instant now = clock.instant();
        return switch (outcome) {
            // Even a token that comes due at once (a server's tiny expires_in) is not renewed in a loop.
            case RENEWED -> new Hold(null, 0, now.plus(FIRST_BACKOFF));
            case KEPT -> {
                int failures = before == null || before.issuedAt() == null ? 1 : before.failures() + 1;
                yield new Hold(issued, failures, now.plus(backoff(failures)));
            }
            // Renewed elsewhere (the new token frees it), or nothing renews it: look again much later.
            case NOT_DUE -> new Hold(issued, 0, now.plus(LONGEST_BACKOFF));
        };
    }

    /** {@link #FIRST_BACKOFF} after the first failure, doubling up to {@link #LONGEST_BACKOFF}. */
    static Duration backoff(int failures) {
        Duration wait = FIRST_BACKOFF;
        for (int i = 1; i < failures && wait.compareTo(LONGEST_BACKOFF) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(LONGEST_BACKOFF) < 0 ? wait : LONGEST_BACKOFF;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
