package io.authsome.proxy.internal;

import io.authsome.api.audit.AuditEvent;

/**
 * What is known of one forwarded request for its {@code proxy_request} audit event: where it
 * went, what the route decided, how it ended and what happened on the way. Filled in by the
 * request's thread as it goes; never holds a credential value.
 */
final class RequestRecord {
    final Exchange.Target target;
    final String method;
    final RouteTable.Decision decision;
    int status;
    long requestBytes;
    long responseBytes;
    /** The request was sent again: after a 401 with a renewed header, or after a refusal a plugin learned from. */
    boolean retried;
    /** The header injected (its value stays here, never in the event), or {@code null}. */
    CredentialSource.Header header;
    boolean renewalTried;
    String neededScopes;
    String pluginError;
    /** Why the answer did not reach the client whole (the API's stream failed, the client went away), or {@code null}. */
    String cutShort;

    RequestRecord(Exchange.Target target, String method, RouteTable.Decision decision) {
        this.target = target;
        this.method = method;
        this.decision = decision;
    }

    /** The decision to inject, when it was one. */
    RouteTable.Inject inject() {
        return decision instanceof RouteTable.Inject inject ? inject : null;
    }

    /** The audit event of the request, which began at {@code started} ({@link System#nanoTime()}). */
    AuditEvent event(String profile, long started) {
        String provider = null;
        String connection = null;
        String mode;
        if (decision instanceof RouteTable.Inject inject) {
            provider = inject.provider().name();
            connection = inject.target().connection();
            mode = "injected";
        } else if (decision instanceof RouteTable.Ambiguous) {
            mode = "ambiguous";
        } else if (decision instanceof RouteTable.Withheld withheld) {
            provider = withheld.provider();
            mode = ProxyRequest.NOT_ALLOWED;
        } else {
            mode = "passed";
        }
        AuditEvent event = new ProxyRequest(mode, provider, connection, target.host(), method, target.path(), status,
                requestBytes, responseBytes, started).event(profile);
        if (retried) {
            event = event.with(header != null ? "retried_after_401" : "retried_after_refusal", true);
        }
        if (pluginError != null) {
            event = event.with("plugin_error", pluginError);
        }
        if (neededScopes != null) {
            event = event.with("insufficient_scope", neededScopes);
        }
        if (decision instanceof RouteTable.Ambiguous ambiguous) {
            event = event.with("providers", String.join(",", ambiguous.providers()));
        }
        if (cutShort != null) {
            event = event.with("cut_short", cutShort);
            event = new AuditEvent(event.event(), event.profile(), event.provider(), event.connection(),
                    AuditEvent.FAILURE, event.details());
        }
        return event;
    }
}
