package io.authsome.api.store;

import io.authsome.api.AuthsomeException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The audit trail that a shared store keeps for every runtime that uses it, next to each home's
 * own {@code audit.log}: each event with the host, the runtime and the member that recorded it.
 */
@ConsumerType
public interface AuditTrail {
    /** The members a trail adds to each line: the host, the runtime ({@code daemon} or {@code command}, and its pid), the member. */
    List<String> ORIGIN = List.of("host", "runtime", "member");

    /**
     * Adds one event, a line of the audit log (with no secret in it). Returns at once and never
     * throws: the event is written in the background, and one that cannot be written is counted.
     */
    void record(Map<String, Object> line);

    /** The last {@code count} events of every runtime, oldest first, each with its {@link #ORIGIN}. */
    List<Map<String, Object>> tail(int count) throws AuthsomeException;

    /**
     * Hands the last {@code count} events to {@code sink}, then each new one as it is recorded, until
     * the calling thread is interrupted.
     */
    void follow(int count, Consumer<Map<String, Object>> sink) throws AuthsomeException, InterruptedException;
}
