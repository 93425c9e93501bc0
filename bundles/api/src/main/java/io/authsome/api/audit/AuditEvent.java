package io.authsome.api.audit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One audited action. The log adds the time and the process id. No field may hold a secret
 * value: not a token, key, code, verifier or client secret, not even in part.
 *
 * @param event      what happened: {@code login}, {@code logout}, {@code export}, {@code get_secret},
 *                   {@code register}, {@code remove}, {@code profile_create}, {@code scan_import},
 *                   {@code rekey}, ...
 * @param profile    the profile acted on, or {@code null}
 * @param provider   the provider acted on, or {@code null}
 * @param connection the connection acted on, or {@code null}
 * @param outcome    {@code success} or {@code failure}, or another word the event defines
 * @param details    extra non-secret facts (a format, a reason, a count), in order; values may be null
 */
public record AuditEvent(String event, String profile, String provider, String connection, String outcome,
                         Map<String, Object> details) {
    /** The outcome of an action that did what was asked. */
    public static final String SUCCESS = "success";
    /** The outcome of an action that failed. */
    public static final String FAILURE = "failure";

    public AuditEvent {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(outcome, "outcome");
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /** An event about one connection. */
    public static AuditEvent of(String event, String profile, String provider, String connection, String outcome) {
        return new AuditEvent(event, profile, provider, connection, outcome, Map.of());
    }

    /** This event with one more detail. */
    public AuditEvent with(String key, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(details);
        more.put(key, value);
        return new AuditEvent(event, profile, provider, connection, outcome, more);
    }
}
