package io.authsome.proxy.internal;

import io.authsome.api.audit.AuditEvent;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the audit log keeps of one proxied request or tunnel: never a header value, never the
 * query.
 *
 * @param mode         {@code injected}, {@code passed}, {@code tunnelled}, {@code ambiguous},
 *                     {@value #MALFORMED} (refused, with a {@code reason}), or {@value #NOT_ALLOWED} (the shared proxy: the API of a provider the agent may not use)
 * @param provider     the provider whose credential was injected (for {@value #NOT_ALLOWED}: the
 *                     provider the agent may not use), or {@code null}
 * @param connection   its connection, or {@code null}
 * @param host         the API host
 * @param method       the request method ({@code CONNECT} for a tunnel)
 * @param path         the path without the query, {@code null} for a tunnel
 * @param status       the status the client got
 * @param sent         body bytes from the client
 * @param received     body bytes to the client
 * @param startedNanos {@link System#nanoTime()} when the request arrived
 */
record ProxyRequest(String mode, String provider, String connection, String host, String method, String path,
                    int status, long sent, long received, long startedNanos) {
    /** The mode of a request of an agent to the API of a provider it may not use. */
    static final String NOT_ALLOWED = "not_allowed";
    /** The mode of a request the proxy refused to forward because its meaning is not certain ({@link MalformedRequest}). */
    static final String MALFORMED = "malformed";

    /** The {@code proxy_request} event in {@code profile}, with the {@link #outcome()}. */
    AuditEvent event(String profile) {
        Map<String, Object> details = new LinkedHashMap<>(16); // in one map: an event a request
        details.put("mode", mode);
        details.put("host", host);
        details.put("method", method);
        details.put("path", path);
        details.put("status", status);
        details.put("bytes_sent", sent);
        details.put("bytes_received", received);
        details.put("duration_ms", (System.nanoTime() - startedNanos) / 1_000_000);
        return new AuditEvent("proxy_request", profile, provider, connection, outcome(), details);
    }

    /**
     * {@code failure} when the request did not do what it was sent for: no answer or a 5xx came
     * back, the API rejected the credential (401), or refused the injected one (403); {@code success}
     * otherwise; a {@value #MALFORMED} request is always a failure. A request the proxy answers itself for want of a credential is audited apart
     * ({@code proxy_no_credentials}, always a failure).
     */
    String outcome() {
        boolean rejected = status == 401 || (status == 403 && mode.equals("injected")) || mode.equals(MALFORMED);
        boolean answered = status > 0 && status < 500;
        return answered && !rejected ? AuditEvent.SUCCESS : AuditEvent.FAILURE;
    }
}
