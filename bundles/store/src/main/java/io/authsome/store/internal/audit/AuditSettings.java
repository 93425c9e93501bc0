package io.authsome.store.internal.audit;

import io.authsome.api.config.AuditConfig;
import java.io.PrintStream;
import java.util.function.Function;

/**
 * Rotation settings: {@code audit.max_bytes} and {@code audit.keep} in {@code config.json}; the
 * framework properties {@code authsome.audit.max_bytes} and {@code authsome.audit.keep} (which fall
 * back to system properties, so {@code AUTHSOME_JAVA_OPTS=-Dauthsome.audit.max_bytes=...} works)
 * override them for one process.
 *
 * @param maxBytes the size at or above which {@code audit.log} is rotated before the next write
 * @param keep     how many rotated files ({@code audit.log.1} ... {@code audit.log.<keep>}) are kept
 */
record AuditSettings(long maxBytes, int keep) {
    /** Framework property: rotation size in bytes (default 10 MiB). */
    static final String MAX_BYTES = "authsome.audit.max_bytes";
    /** Framework property: number of rotated files kept (default 5; 0 keeps none). */
    static final String KEEP = "authsome.audit.keep";
    static final AuditSettings DEFAULT = new AuditSettings(10L * 1024 * 1024, 5);

    AuditSettings {
        if (maxBytes < 1 || keep < 0) {
            throw new IllegalArgumentException("maxBytes must be positive and keep 0 or more");
        }
    }

    /**
     * The settings from {@code properties}, else from {@code config}; an invalid value is reported
     * on {@code err} and replaced by the default.
     */
    static AuditSettings from(Function<String, String> properties, AuditConfig config, PrintStream err) {
        long maxBytes = number(properties, MAX_BYTES, configured(config.maxBytes(), "audit.max_bytes", DEFAULT.maxBytes, 1, err), 1, err);
        long keep = number(properties, KEEP, configured(config.keep(), "audit.keep", DEFAULT.keep, 0, err), 0, err);
        return new AuditSettings(maxBytes, (int) Math.min(keep, 10_000));
    }

    private static long configured(long value, String name, long fallback, long min, PrintStream err) {
        if (value < min) {
            err.println("warning: ignoring " + name + "=" + value + " in config.json: not >= " + min + "; using " + fallback);
            return fallback;
        }
        return value;
    }

    private static long number(Function<String, String> properties, String name, long fallback, long min,
                               PrintStream err) {
        String value = properties.apply(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value.strip());
            if (parsed >= min) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        err.println("warning: ignoring " + name + "=" + value + ": not a whole number >= " + min
                + "; using " + fallback);
        return fallback;
    }
}
