package io.authsome.provider.aws.internal;

import io.authsome.api.plugin.CredentialInjector.Refusal;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The difference between this machine's clock and AWS's, learnt from refusals of a signature
 * whose time is off ({@code RequestTimeTooSkewed}, {@code Signature expired},
 * {@code Signature not yet current}) and the server's time they carry: its {@code Date} field,
 * else S3's {@code <ServerTime>}. Signatures that follow use the corrected clock. Thread-safe.
 */
final class ClockSkew {
    /** A new offset that differs less from the one in use is no reason to send the request again. */
    private static final long SIGNIFICANT_MILLIS = 5_000;
    private final AtomicLong offsetMillis = new AtomicLong();

    /** {@code clock}, corrected by what the servers said. */
    Instant correct(Instant clock) {
        long offset = offsetMillis.get();
        return offset == 0 ? clock : clock.plusMillis(offset);
    }

    /** The correction in use, in milliseconds. */
    long offsetMillis() {
        return offsetMillis.get();
    }

    /**
     * Learns the server's time from {@code refusal} when it refuses the signature's time.
     *
     * @param clock this machine's time now
     * @return whether the correction changed, so that a new signature may be accepted
     */
    boolean learn(Refusal refusal, Instant clock) {
        if (!refusesTime(refusal)) {
            return false;
        }
        Instant server = serverTime(refusal);
        if (server == null) {
            return false;
        }
        long offset = server.toEpochMilli() - clock.toEpochMilli();
        long before = offsetMillis.getAndSet(offset);
        return Math.abs(offset - before) >= SIGNIFICANT_MILLIS;
    }

    private static boolean refusesTime(Refusal refusal) {
        int status = refusal.status();
        String body = refusal.body();
        return (status == 403 || status == 400) && (body.contains("RequestTimeTooSkewed")
                || body.contains("Signature expired") || body.contains("Signature not yet current"));
    }

    private static Instant serverTime(Refusal refusal) {
        String date = refusal.header("date");
        if (date != null) {
            try {
                return Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(date.trim()));
            } catch (DateTimeParseException e) {
                // fall back on the body
            }
        }
        String body = refusal.body();
        int start = body.indexOf("<ServerTime>");
        int end = body.indexOf("</ServerTime>");
        if (start >= 0 && end > start) {
            try {
                return Instant.parse(body.substring(start + "<ServerTime>".length(), end).trim());
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }
}
