package io.authsome.api.config;

/**
 * The {@code audit} section: rotation of {@code audit.log}. The values are as the file has them;
 * the audit log warns about and replaces one that is out of range.
 *
 * @param maxBytes {@code audit.max_bytes}: the size at which {@code audit.log} is rotated (default
 *                 {@value #DEFAULT_MAX_BYTES}, 10 MiB)
 * @param keep     {@code audit.keep}: how many rotated files are kept (default {@value #DEFAULT_KEEP})
 * @since 1.0
 */
public record AuditConfig(long maxBytes, long keep) {
    /** The rotation size when {@code audit.max_bytes} is not set. */
    public static final long DEFAULT_MAX_BYTES = 10L * 1024 * 1024;
    /** The number of rotated files kept when {@code audit.keep} is not set. */
    public static final long DEFAULT_KEEP = 5;

    /** The defaults. */
    public static final AuditConfig DEFAULTS = new AuditConfig(DEFAULT_MAX_BYTES, DEFAULT_KEEP);
}
