package io.authsome.ui.internal;

import io.authsome.api.audit.AuditLog;
import io.authsome.common.json.Json;
import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * New audit events for the activity page's live streams. While at least one page listens, one
 * thread follows the audit log (every process of the home appends to it: one-shot commands, the
 * daemon, {@code run} proxies) and hands each event, as a JSON line, to the listeners whose filter
 * accepts it. Each listener has a bounded queue: a page that does not keep up loses events (and is
 * told how many) rather than the daemon growing. Thread-safe.
 */
final class ActivityFeed {
    /** Pages that may listen at once; one more is answered 503. */
    static final int MAX_LISTENERS = 16;
    /** Events a listener may have waiting. */
    static final int QUEUE = 1024;

    private final AuditLog audit;
    private final PrintStream warnings;
    private final Set<Listener> listeners = ConcurrentHashMap.newKeySet();
    private volatile Thread follower;
    private boolean closed;

    ActivityFeed(AuditLog audit, PrintStream warnings) {
        this.audit = audit;
        this.warnings = warnings;
    }

    /** One page's stream of events: {@link #next} until done, then {@link #close}. */
    final class Listener implements AutoCloseable {
        private final ActivityFilter filter;
        private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(QUEUE);
        private final AtomicLong dropped = new AtomicLong();
        private volatile boolean open = true;

        private Listener(ActivityFilter filter) {
            this.filter = filter;
        }

        /** The next event as a JSON object, or {@code null} when none came within {@code millis}. */
        String next(long millis) throws InterruptedException {
            return queue.poll(millis, TimeUnit.MILLISECONDS);
        }

        /** How many events were lost since the last call, for want of room. */
        long takeDropped() {
            return dropped.getAndSet(0);
        }

        /** Whether the feed still serves this listener (it stops with the dashboard). */
        boolean open() {
            return open;
        }

        private void offer(Map<String, Object> event, String[] json) {
            if (!filter.accepts(event)) {
                return;
            }
            if (json[0] == null) {
                json[0] = Json.writeLine(event);
            }
            if (!queue.offer(json[0])) {
                dropped.incrementAndGet();
            }
        }

        @Override
        public void close() {
            open = false;
            remove(this);
        }
    }

    /** A new listener for the events {@code filter} accepts, or empty when {@link #MAX_LISTENERS} listen already. */
    synchronized Optional<Listener> listen(ActivityFilter filter) {
        if (closed || listeners.size() >= MAX_LISTENERS) {
            return Optional.empty();
        }
        Listener listener = new Listener(filter);
        listeners.add(listener);
        if (follower == null) {
            Thread thread = Threads.named("authsome-dashboard-activity").newThread(this::follow);
            follower = thread; // before it runs: the follower delivers only while it is the follower
            thread.start();
        }
        return Optional.of(listener);
    }

    int listening() {
        return listeners.size();
    }

    /** Ends every stream and stops following. */
    synchronized void close() {
        closed = true;
        for (Listener listener : listeners) {
            listener.open = false;
        }
        listeners.clear();
        stopFollowing();
    }

    private synchronized void remove(Listener listener) {
        listeners.remove(listener);
        if (listeners.isEmpty()) {
            stopFollowing();
        }
    }

    private void stopFollowing() {
        Thread thread = follower;
        follower = null;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void follow() {
        Thread self = Thread.currentThread();
        try {
            audit.follow(0, event -> {
                if (follower == self) {
                    String[] json = new String[1];
                    for (Listener listener : listeners) {
                        listener.offer(event, json);
                    }
                }
            });
        } catch (InterruptedException e) {
            // the last page left, or the dashboard stopped
        } catch (RuntimeException e) {
            warnings.println("authsome dashboard: the activity stream stopped: " + e.getMessage());
            synchronized (this) {
                if (follower == self) {
                    follower = null; // the next page to listen starts following again
                }
            }
        }
    }
}
