package io.authsome.store.internal.audit;

import io.authsome.api.audit.AuditEvent;
import io.authsome.api.provider.Identified;
import io.authsome.api.vault.Secret;
import io.authsome.common.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** One audit event as one line of JSON: the fixed members, then the details, secrets redacted. */
final class AuditLines {
    static final String REDACTED = "[redacted]";
    static final Set<String> FIXED = Set.of("time", "event", "profile", "provider", "connection", "outcome", "pid");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final int MAX_DEPTH = 8;
    private static final long PID = ProcessHandle.current().pid();

    private AuditLines() {
    }

    /** The line for {@code event} at {@code time}, ending with a newline, in UTF-8. */
    static byte[] format(AuditEvent event, Instant time) {
        return format(line(event, time));
    }

    /** {@code line} ({@link #line}) as written, ending with a newline, in UTF-8. */
    static byte[] format(Map<String, Object> line) {
        return (Json.writeLine(line) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The members of the line for {@code event} at {@code time}: the fixed ones, then the details by name. */
    static Map<String, Object> line(AuditEvent event, Instant time) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", TIME.format(time));
        line.put("event", event.event());
        line.put("profile", event.profile());
        line.put("provider", event.provider());
        line.put("connection", event.connection());
        line.put("outcome", event.outcome());
        line.put("pid", PID);
        // The details follow sorted by name (docs/cli.md), whatever order the event was built in.
        for (Map.Entry<String, Object> detail : new TreeMap<>(event.details()).entrySet()) {
            if (!FIXED.contains(detail.getKey())) {
                line.put(detail.getKey(), plain(detail.getValue()));
            }
        }
        return line;
    }

    /** {@code value} as one line of JSON (for {@code log --follow --json}). */
    static String toLine(Object value) {
        return Json.writeLine(plain(value));
    }

    /**
     * {@code value} as a plain JSON value: secrets (and char or byte arrays, which usually hold one)
     * become {@value #REDACTED}; types {@link Json} cannot write become their string form.
     */
    static Object plain(Object value) {
        return plain(value, 0);
    }

    private static Object plain(Object value, int depth) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
                || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return value;
        }
        if (value instanceof Secret || value instanceof char[] || value instanceof byte[]) {
            return REDACTED;
        }
        if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            return Double.isFinite(number) ? value : String.valueOf(value);
        }
        if (value instanceof Number) {
            return value;
        }
        if (value instanceof Identified identified) {
            return identified.id();
        }
        if (depth >= MAX_DEPTH) {
            return "[too deep]";
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, item) -> copy.put(String.valueOf(key), plain(item, depth + 1)));
            return copy;
        }
        if (value instanceof Collection<?> items) { // not any Iterable: a Path iterates over Paths
            List<Object> copy = new ArrayList<>();
            items.forEach(item -> copy.add(plain(item, depth + 1)));
            return copy;
        }
        if (value instanceof Object[] array) {
            return plain(Arrays.asList(array), depth);
        }
        return String.valueOf(value);
    }
}
