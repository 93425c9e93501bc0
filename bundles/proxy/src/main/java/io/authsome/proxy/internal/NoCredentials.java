package io.authsome.proxy.internal;

import io.authsome.api.AuthsomeException;
import io.authsome.api.audit.AuditEvent;
import io.authsome.api.config.ProxyConfig;
import io.authsome.api.vault.ConnectionInfo;
import io.authsome.api.vault.ConnectionState;
import io.authsome.api.vault.ProfileStore;
import io.authsome.common.json.Json;
import io.authsome.common.text.NextStep;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the proxy does with a request to a provider's API host when it knows the credential is
 * unusable: the connection is {@code invalid}, {@code expired} and cannot be renewed, or there is
 * only a stored OAuth client ({@code configured}). By default ({@code proxy.unconnected} =
 * {@code answer}) it answers the request itself, so that the program behind the proxy is told what
 * the person must run instead of getting the API's bare 401: {@code 401} for {@code invalid},
 * else {@code 403}, with a JSON body and an {@value #NEXT_HEADER} header naming the provider, the
 * connection, its state and the command, audited as {@value #EVENT}. With {@code pass} such
 * providers are not intercepted at all and a request whose credential fails is sent as it came.
 * Thread-safe.
 */
final class NoCredentials {
    /** The {@code config.json} setting. */
    static final String SETTING = "proxy.unconnected";
    /** The response header that carries the next step. */
    static final String NEXT_HEADER = "X-Authsome-Next";
    /** The audit event of a request the proxy answered itself. */
    static final String EVENT = "proxy_no_credentials";

    /** The values of {@value #SETTING}. */
    enum Policy {
        /** The proxy answers requests it has no usable credential for (the default). */
        ANSWER,
        /** Such requests pass through untouched, as for providers that are not connected at all. */
        PASS
    }

    private final Policy policy;
    private final ProfileStore store;

    NoCredentials(Policy policy, ProfileStore store) {
        this.policy = policy;
        this.store = store;
    }

    /**
     * The policy of {@value #SETTING} in {@code config.json}.
     *
     * @throws AuthsomeException {@code INVALID_INPUT} when it is neither {@code answer} nor {@code pass}
     */
    static Policy policy(ProxyConfig settings) throws AuthsomeException {
        return Policy.valueOf(settings.unconnected().require().name());
    }

    /** Whether the proxy answers requests it has no usable credential for. */
    boolean answers() {
        return policy == Policy.ANSWER;
    }

    /**
     * Answers a request routed to {@code inject}'s provider whose credential could not be had
     * ({@code failure}), and audits it. The connection is closed afterwards: the request body, if
     * any, was not read.
     */
    void answer(ProxyContext context, ClientReply reply, RouteTable.Inject inject, Exchange.Target target, String method,
                AuthsomeException failure, long started) throws IOException {
        String provider = inject.provider().name();
        String connection = inject.target().connection();
        ConnectionState state = state(inject.target());
        String next = nextStep(provider, state, failure);
        int status = state == ConnectionState.INVALID ? 401 : 403;
        context.warnOnce("unavailable " + provider, provider + (connection == null ? "" : "/" + connection)
                + " has no usable credential (" + state.id() + "): " + failure.getMessage() + "; requests to its API"
                + " are answered by the proxy; next: " + next);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("v", 1);
        body.put("error", failure.code().name());
        body.put("message", "authsome has no usable credential for " + provider + ": " + failure.getMessage());
        body.put("provider", provider);
        body.put("connection", connection);
        body.put("state", state.id());
        body.put("next_step", next);
        byte[] json = Json.writeLine(body).getBytes(StandardCharsets.UTF_8);
        HttpHead head = new HttpHead("HTTP/1.1 " + status + (status == 401 ? " Unauthorized" : " Forbidden"));
        head.add("Content-Type", "application/json");
        head.add("Content-Length", Integer.toString(json.length));
        head.add("X-Authsome-Proxy", "no-credentials");
        head.add(NEXT_HEADER, next);
        head.add("Connection", "close");
        try {
            reply.send(head, json);
        } finally { // audited also when the client went away before the answer was whole
            context.audit().record(new AuditEvent(EVENT, store.name(), provider, connection, AuditEvent.FAILURE,
                    Map.of())
                    .with("state", state.id())
                    .with("host", target.host())
                    .with("method", method)
                    .with("path", target.path())
                    .with("status", status)
                    .with("next_step", next)
                    .with("duration_ms", (System.nanoTime() - started) / 1_000_000));
        }
    }

    /**
     * The command that makes the connection usable: the one the failure names when it names a
     * command (a rejected OAuth client needs {@code remove}, not {@code revoke}), else the one its
     * state asks for. An existing connection is replaced only with {@code --force}.
     */
    static String nextStep(String provider, ConnectionState state, AuthsomeException failure) {
        if (failure.nextStep() != null && failure.nextStep().startsWith("authsome ")) {
            return failure.nextStep();
        }
        return switch (state) {
            case INVALID -> NextStep.credentialRejected(provider);
            case EXPIRED, CONNECTED -> NextStep.loginAgain(provider);
            case AVAILABLE, CONFIGURED -> NextStep.login(provider);
        };
    }

    /** The connection's state as the profile index has it now; {@code configured} for a provider with only a client. */
    private ConnectionState state(RouteTable.Target target) {
        if (target.connection() == null) {
            return target.state();
        }
        try {
            return store.connections(target.provider().name()).stream()
                    .filter(info -> info.name().equals(target.connection())).map(ConnectionInfo::state)
                    .findFirst().orElse(ConnectionState.AVAILABLE);
        } catch (AuthsomeException e) {
            return target.state();
        }
    }
}
