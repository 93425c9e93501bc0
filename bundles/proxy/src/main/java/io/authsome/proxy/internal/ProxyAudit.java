package io.authsome.proxy.internal;

import io.authsome.api.audit.AuditEvent;
import io.authsome.api.audit.AuditLog;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Audit events of the proxy, queued by the request threads and written by one background
 * thread, so writing the log never delays a request. {@link #close()} writes what is queued.
 * Thread-safe.
 */
final class ProxyAudit implements AutoCloseable {
    private static final AuditEvent END = AuditEvent.of("end", null, null, null, AuditEvent.SUCCESS);
    private static final int CAPACITY = 100_000;

    private final AuditLog log;
    private final BlockingQueue<AuditEvent> queue = new LinkedBlockingQueue<>(CAPACITY);
    private final Thread writer;

    ProxyAudit(AuditLog log) {
        this.log = log;
        this.writer = new Thread(this::drain, "authsome-proxy-audit");
        writer.setDaemon(true);
        writer.start();
    }

    /** Queues {@code event}; when the queue is full, the caller writes it itself rather than lose it. */
    void record(AuditEvent event) {
        if (!queue.offer(event)) {
            log.record(event);
        }
    }

    private void drain() {
        try {
            for (AuditEvent event = queue.take(); event != END; event = queue.take()) {
                log.record(event);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        try {
            queue.put(END);
            writer.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
