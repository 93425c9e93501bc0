package io.authsome.api.audit;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Where audit events go. Thread-safe and safe across processes sharing one home: each event is
 * one line, appended whole.
 */
@ProviderType
public interface AuditLog {
    /**
     * Appends one event. Never throws: an audit failure is reported on stderr and by
     * {@code doctor}, and never stops the action being audited.
     */
    void record(AuditEvent event);

    /**
     * Appends {@code events} in order, as {@link #record} would one by one, in one append where
     * the log can: a busy writer (the proxy's audit thread) pays the log's lock and its system
     * calls once for many events. Never throws.
     *
     * @since 1.1
     */
    default void recordAll(List<AuditEvent> events) {
        events.forEach(this::record);
    }

    /** The last {@code count} events as written (JSON objects as plain values), oldest first. */
    List<Map<String, Object>> tail(int count);

    /**
     * Hands the last {@code count} events to {@code sink}, then every new event as it is appended,
     * until the calling thread is interrupted.
     */
    void follow(int count, Consumer<Map<String, Object>> sink) throws InterruptedException;
}
