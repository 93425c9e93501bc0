package io.authsome.proxy.internal;

import java.io.PrintStream;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

/**
 * What every connection of one run's proxy shares: routes, credentials, upstream connections,
 * TLS interception, the audit queue and where warnings go. Thread-safe.
 *
 * @param routes      which requests carry which credential
 * @param credentials the headers to inject
 * @param connector   connections to API hosts
 * @param intercept   TLS towards the client for intercepted hosts
 * @param access      who may use the proxy
 * @param audit       the queued audit log
 * @param threads     runs the second direction of tunnels and upgraded connections
 * @param warnings    standard error of authsome, for warnings the person should see
 */
record ProxyContext(RouteTable routes, CredentialSource credentials, UpstreamConnector connector,
                    InterceptTls intercept, ProxyAccess access, ProxyAudit audit, ExecutorService threads,
                    PrintStream warnings, Set<String> warned) {
    ProxyContext(RouteTable routes, CredentialSource credentials, UpstreamConnector connector, InterceptTls intercept,
                 ProxyAccess access, ProxyAudit audit, ExecutorService threads, PrintStream warnings) {
        this(routes, credentials, connector, intercept, access, audit, threads, warnings, ConcurrentHashMap.newKeySet());
    }

    /** Prints {@code message} once per {@code key} for the whole run. */
    void warnOnce(String key, String message) {
        if (warned.add(key)) {
            warnings.println("authsome run: " + message);
            warnings.flush();
        }
    }
}
