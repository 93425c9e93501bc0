package io.authsome.proxy.internal;

import io.authsome.api.audit.AuditEvent;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

/**
 * What every connection of one run's proxy shares: routes, credentials, upstream connections,
 * TLS interception, the audit queue and where warnings go. The daemon's shared proxy makes one per
 * agent ({@link #forClient}). Thread-safe.
 *
 * @param routes      which requests carry which credential
 * @param credentials the headers to inject
 * @param noCredentials what happens to a routed request whose credential cannot be had
 * @param connector   connections to API hosts
 * @param intercept   TLS towards the client for intercepted hosts
 * @param access      who may use the proxy
 * @param audit       the queued audit log
 * @param threads     runs the second direction of tunnels and upgraded connections
 * @param warnings    standard error of authsome, for warnings the person should see
 * @param verbose     whether every request is also printed to {@code warnings} ({@code --verbose})
 * @param label       what warnings start with ({@value #RUN})
 * @param warned      the keys of the warnings printed so far
 */
record ProxyContext(RouteTable routes, CredentialSource credentials, NoCredentials noCredentials,
                    UpstreamConnector connector, InterceptTls intercept, ProxyGate access, ProxyAudit audit,
                    ExecutorService threads, PrintStream warnings, boolean verbose, String label,
                    Set<String> warned) {
    /** The label of a run's proxy. */
    static final String RUN = "authsome run";

    ProxyContext(RouteTable routes, CredentialSource credentials, NoCredentials noCredentials,
                 UpstreamConnector connector, InterceptTls intercept, ProxyGate access, ProxyAudit audit,
                 ExecutorService threads, PrintStream warnings, boolean verbose) {
        this(routes, credentials, noCredentials, connector, intercept, access, audit, threads, warnings, verbose, RUN,
                ConcurrentHashMap.newKeySet());
    }

    /**
     * The context of one client of a shared proxy: its own routes, credentials, answer for unusable
     * credentials, upstream connections and audit; the rest, and the warnings printed, shared.
     */
    ProxyContext forClient(RouteTable routes, CredentialSource credentials, NoCredentials noCredentials,
                           UpstreamConnector connector, ProxyAudit audit) {
        return new ProxyContext(routes, credentials, noCredentials, connector, intercept, access, audit, threads,
                warnings, verbose, label, warned);
    }

    /** Queues the {@code proxy_request} event of one request, and with {@code --verbose} prints it. */
    void requested(AuditEvent event) {
        audit.record(event);
        if (verbose) {
            Map<String, Object> d = event.details();
            String target = event.provider() == null ? "" : " " + event.provider() + "/" + event.connection();
            warnings.println(label + ": " + d.get("method") + " " + d.get("host")
                    + (d.get("path") == null ? "" : d.get("path")) + " -> " + d.get("status") + " " + d.get("mode")
                    + target + " " + d.get("duration_ms") + " ms, " + d.get("bytes_sent") + " B sent, "
                    + d.get("bytes_received") + " B received"
                    + (d.get("cut_short") == null ? "" : ", answer cut short: " + d.get("cut_short")));
            warnings.flush();
        }
    }

    /**
     * Answers a request the proxy will not forward ({@link MalformedRequest}) and closes the
     * connection: the client gets the status and the reason, the audit log a {@code proxy_request}
     * event in mode {@value ProxyRequest#MALFORMED} with the reason.
     *
     * @param host   the API host the request was for, or {@code null} when not known yet
     * @param method its method, or {@code null} when its request line was not understood
     */
    void refuse(ClientReply client, String host, String method, MalformedRequest refusal, long started) {
        try {
            client.answer(refusal.status(), refusal.reasonPhrase(), "authsome proxy: request refused: "
                    + refusal.getMessage(), true);
        } catch (IOException e) {
            // The client is gone; the refusal is audited all the same.
        }
        requested(new ProxyRequest(ProxyRequest.MALFORMED, null, null, host, method, null, refusal.status(), 0, 0,
                started).event(credentials.profile()).with("reason", refusal.getMessage()));
    }

    /** Prints {@code message} once per {@code key} for the whole run (the daemon's whole life for the shared proxy). */
    void warnOnce(String key, String message) {
        if (warned.add(key)) {
            warnings.println(label + ": " + message);
            warnings.flush();
        }
    }
}
