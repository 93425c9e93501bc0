package io.authsome.proxy.internal;

import io.authsome.api.audit.AuditEvent;
import io.authsome.api.audit.AuditLog;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Audit events of the proxy, queued by the request threads and written by one background
 * thread in batches ({@link AuditLog#recordAll}: an event and those that come within
 * {@value #LINGER_MILLIS} ms of it), so writing the log never delays a request. {@link #close()}
 * writes what is queued.
 * {@link #as(String)} gives a view that names the agent in every event, for the shared proxy.
 * Thread-safe.
 */
final class ProxyAudit implements AutoCloseable {
    private static final AuditEvent END = AuditEvent.of("end", null, null, null, AuditEvent.SUCCESS);
    private static final int CAPACITY = 100_000;
    private static final int BATCH = 512;
    /** How long the writer waits after an event for more to write with it. */
    private static final long LINGER_MILLIS = 5;

    private final AuditLog log;
    private final BlockingQueue<AuditEvent> queue;
    private final Thread writer;
    private final String agent;

    ProxyAudit(AuditLog log) {
        this.log = log;
        this.queue = new LinkedBlockingQueue<>(CAPACITY);
        this.agent = null;
        this.writer = new Thread(this::drain, "authsome-proxy-audit");
        writer.setDaemon(true);
        writer.start();
    }

    private ProxyAudit(ProxyAudit shared, String agent) {
        this.log = shared.log;
        this.queue = shared.queue;
        this.writer = shared.writer;
        this.agent = agent;
    }

    /** A view on the same queue that adds the detail {@code agent} to every event; closing it does nothing. */
    ProxyAudit as(String agent) {
        return new ProxyAudit(this, agent);
    }

    /** Queues {@code event}; when the queue is full, the caller writes it itself rather than lose it. */
    void record(AuditEvent event) {
        if (agent != null) {
            event = event.with("agent", agent);
        }
        if (!queue.offer(event)) {
            log.record(event);
        }
    }

    /** Writes what is queued, in batches of up to {@value #BATCH}: one append to the log each. */
    private void drain() {
        List<AuditEvent> batch = new ArrayList<>(BATCH);
        try {
            while (true) {
                batch.add(queue.take());
                if (batch.get(0) != END) {
                    // the events that come meanwhile share one append (and one lock of the file):
                    // a busy proxy wrote and locked the log once a request
                    Thread.sleep(LINGER_MILLIS);
                }
                queue.drainTo(batch, BATCH - 1);
                int end = endOf(batch);
                List<AuditEvent> events = end < 0 ? batch : batch.subList(0, end);
                if (!events.isEmpty()) {
                    log.recordAll(List.copyOf(events));
                }
                if (end >= 0) {
                    return;
                }
                batch.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Where the end mark is in {@code batch}, or -1 (by identity: an event like it is still an event). */
    private static int endOf(List<AuditEvent> batch) {
        for (int i = 0; i < batch.size(); i++) {
            if (batch.get(i) == END) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void close() {
        if (agent != null) {
            return;
        }
        try {
            queue.put(END);
            writer.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
