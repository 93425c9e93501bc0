package io.authsome.proxy.internal;

import io.authsome.api.AuthsomeException;
import io.authsome.api.agent.Agent;
import io.authsome.api.agent.Agents;
import io.authsome.api.audit.AuditEvent;
import io.authsome.api.vault.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * Who may use the daemon's shared proxy: a client that presents an agent's credential as the user
 * and password of its proxy URL ({@code Proxy-Authorization: Basic}), checked through
 * {@link Agents} for the first request of a connection and again before every later one, also
 * inside an intercepted tunnel, so that a revoked agent is refused from its next request, on a
 * kept-alive connection too. A client that presents a credential that is not (or no longer) an
 * agent's is audited as {@value #REFUSED}, with the agent's name only when it is one (a
 * credential put in the name's place must never reach the audit trail). Thread-safe.
 */
final class AgentGate implements ProxyGate {
    /** The audit event of a refused credential. */
    static final String REFUSED = "proxy_refused";

    private final Agents agents;
    private final AgentContexts contexts;
    private final ProxyAudit audit;

    /** @param audit where refusals are recorded */
    AgentGate(Agents agents, AgentContexts contexts, ProxyAudit audit) {
        this.agents = agents;
        this.contexts = contexts;
        this.audit = audit;
    }

    /** The name and credential of a {@code Proxy-Authorization: Basic} value. {@link #toString()} hides the credential. */
    record Presented(String name, Secret credential) {
        static Presented parse(String proxyAuthorization) {
            if (proxyAuthorization == null) {
                return null;
            }
            String value = proxyAuthorization.trim();
            if (!value.toLowerCase(Locale.ROOT).startsWith("basic ")) {
                return null;
            }
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(value.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }
            int colon = decoded.indexOf(':');
            return colon < 1 ? null : new Presented(decoded.substring(0, colon), Secret.of(decoded.substring(colon + 1)));
        }

        boolean same(Presented other) {
            return name.equals(other.name) && credential.matches(other.credential);
        }

        @Override
        public String toString() {
            return "Presented[" + name + ":redacted]";
        }
    }

    @Override
    public Client admit(HttpHead first, ClientConnection connection, ProxyContext proxy) {
        Presented presented = Presented.parse(first.get("Proxy-Authorization"));
        // Without credentials: many clients send them only after the 407 that asks for them; not audited.
        return presented == null ? null : new AgentClient(presented, proxy);
    }

    @Override
    public String refusal() {
        return "authsome shared proxy: this proxy needs an agent credential, the user and password of the proxy URL"
                + " that 'authsome agent add <name>' printed; the one given is unknown or was revoked";
    }

    /** One client connection, and the agent it presented. */
    private final class AgentClient implements Client {
        private final ProxyContext proxy;
        private Presented presented;
        private boolean admittedBefore;

        AgentClient(Presented presented, ProxyContext proxy) {
            this.presented = presented;
            this.proxy = proxy;
        }

        @Override
        public synchronized String name() {
            return "agent " + presented.name();
        }

        @Override
        public synchronized ProxyContext context(String proxyAuthorization) {
            if (proxyAuthorization != null) {
                Presented again = Presented.parse(proxyAuthorization);
                if (again == null) {
                    return null;
                }
                if (!again.same(presented)) {
                    presented = again;
                    admittedBefore = false;
                }
            }
            Optional<Agent> agent;
            try {
                agent = agents.authenticate(presented.name(), presented.credential());
            } catch (AuthsomeException e) {
                proxy.warnOnce("agents " + e.getMessage(), "no agent is admitted: " + e.getMessage()
                        + (e.nextStep() == null ? "" : "; next: " + e.nextStep()));
                return null;
            }
            if (agent.isEmpty()) {
                refused();
                return null;
            }
            admittedBefore = true;
            return contexts.of(agent.get(), proxy);
        }

        private void refused() {
            String reason;
            String name = null;
            if (admittedBefore) {
                reason = "revoked";
                name = presented.name();
            } else {
                boolean known;
                try {
                    known = agents.find(presented.name()).isPresent();
                } catch (AuthsomeException e) {
                    known = false;
                }
                reason = known ? "wrong_credential" : "unknown_agent";
                name = known ? presented.name() : null;
            }
            audit.record(AuditEvent.of(REFUSED, null, null, null, AuditEvent.FAILURE)
                    .with("agent", name)
                    .with("reason", reason));
        }
    }
}
