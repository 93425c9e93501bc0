package io.authsome.store.internal.agent;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.agent.Agent;
import io.authsome.api.agent.Grant;
import io.authsome.api.agent.NewAgent;
import io.authsome.api.audit.AuditEvent;
import io.authsome.api.audit.AuditLog;
import io.authsome.api.config.Configuration;
import io.authsome.api.provider.Provider;
import io.authsome.api.provider.ProviderCatalog;
import io.authsome.api.vault.ConnectionInfo;
import io.authsome.api.vault.ProfileStore;
import io.authsome.api.vault.Secret;
import io.authsome.api.vault.Vault;
import io.authsome.common.text.Suggestions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Adding and revoking agents, for the {@code agent} command and the dashboard alike: checks the
 * name and every grant, makes the credential and keeps only its hash, changes {@code agents.json}
 * under its lock, and audits {@code agent_add} or {@code agent_revoke} (with {@code via} when
 * given; never the credential). Thread-safe.
 */
final class AgentChanges {
    /** Agent names: the user of a proxy URL, as they are. */
    static final Pattern NAME = Pattern.compile("^[a-z0-9][a-z0-9_.-]{0,63}$");

    private final AgentFile file;
    private final Vault vault;
    private final ProviderCatalog catalog;
    private final Configuration configuration;
    private final AuditLog audit;

    AgentChanges(AgentFile file, Vault vault, ProviderCatalog catalog, Configuration configuration, AuditLog audit) {
        this.file = file;
        this.vault = vault;
        this.catalog = catalog;
        this.configuration = configuration;
        this.audit = audit;
    }

    NewAgent add(String name, String profile, List<String> allow, String via) throws AuthsomeException {
        if (!NAME.matcher(name).matches()) {
            throw new AuthsomeException(ErrorCode.USAGE, "agent name '" + name + "' must match " + NAME.pattern(),
                    "authsome agent add <name>, with lower-case letters, digits, '.', '_' and '-'");
        }
        List<Grant> grants = grants(allow);
        ProfileStore store = vault.profile(profile);
        int port = configuration.current().daemon().proxyPort().require();
        List<String> warnings = warnings(store, grants);
        String credential = AgentCredentials.generate();
        byte[] salt = AgentCredentials.salt();
        Agent agent = new Agent(name, profile, grants, Instant.now().truncatedTo(ChronoUnit.SECONDS));
        StoredAgent stored = new StoredAgent(agent, salt, AgentCredentials.hash(salt, credential), null);
        file.change(agents -> {
            if (agents.containsKey(name)) {
                throw new AuthsomeException(ErrorCode.CONNECTION_EXISTS, "an agent called '" + name + "' exists",
                        "authsome agent revoke " + name + " first, then authsome agent add " + name);
            }
            agents.put(name, stored);
            return null;
        });
        List<String> allowed = grants.stream().map(Grant::toString).toList();
        audit.record(via(AuditEvent.of("agent_add", agent.profile(), null, null, AuditEvent.SUCCESS)
                .with("agent", name)
                .with("allow", String.join(",", allowed)), via));
        return new NewAgent(agent, Secret.of(credential), port, warnings);
    }

    Agent revoke(String name, String via) throws AuthsomeException {
        StoredAgent revoked = file.change(agents -> {
            StoredAgent removed = agents.remove(name);
            if (removed == null) {
                List<String> close = Suggestions.closest(name, List.copyOf(agents.keySet()), 3);
                throw new AuthsomeException(ErrorCode.CONNECTION_NOT_FOUND, "no agent called '" + name + "'"
                        + (close.isEmpty() ? "" : " (did you mean " + String.join(", ", close) + "?)"),
                        "authsome agent list");
            }
            return removed;
        });
        audit.record(via(AuditEvent.of("agent_revoke", revoked.agent().profile(), null, null, AuditEvent.SUCCESS)
                .with("agent", name), via));
        return revoked.agent();
    }

    private static AuditEvent via(AuditEvent event, String via) {
        return via == null ? event : event.with("via", via);
    }

    /** The {@code --allow} entries, each a known provider, at most once each. */
    private List<Grant> grants(List<String> allow) throws AuthsomeException {
        List<Grant> grants = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<String> known = catalog.providers().stream().map(Provider::name).toList();
        for (String entry : allow) {
            if (entry.isBlank()) {
                continue;
            }
            Grant grant;
            try {
                grant = Grant.parse(entry);
            } catch (IllegalArgumentException e) {
                throw new AuthsomeException(ErrorCode.USAGE, "--allow " + entry + ": " + e.getMessage(),
                        "--allow PROVIDER or PROVIDER=CONNECTION, comma-separated");
            }
            if (catalog.find(grant.provider()).isEmpty()) {
                List<String> close = Suggestions.closest(grant.provider(), known, 3);
                throw new AuthsomeException(ErrorCode.USAGE, "unknown provider '" + grant.provider() + "' in --allow"
                        + (close.isEmpty() ? "" : " (did you mean " + String.join(", ", close) + "?)"),
                        "authsome list shows the known providers");
            }
            if (!seen.add(grant.provider())) {
                throw new AuthsomeException(ErrorCode.USAGE, "--allow names " + grant.provider() + " twice; an agent"
                        + " uses one connection per provider", "--allow " + grant.provider() + " or --allow "
                        + grant.provider() + "=CONNECTION, once");
            }
            grants.add(grant);
        }
        return grants;
    }

    /** Grants that inject nothing yet: none at all, or no such connection in the profile (it may come later). */
    private static List<String> warnings(ProfileStore store, List<Grant> grants) {
        if (grants.isEmpty()) {
            return List.of("no --allow: the agent's requests carry no credential");
        }
        List<ConnectionInfo> connections;
        try {
            connections = store.connections();
        } catch (AuthsomeException e) {
            return List.of(); // only a warning: the vault's own commands report why it cannot be read
        }
        List<String> warnings = new ArrayList<>();
        for (Grant grant : grants) {
            boolean present = connections.stream().anyMatch(info -> info.provider().equals(grant.provider())
                    && (grant.connection() == null ? info.isDefault() : info.name().equals(grant.connection())));
            if (!present) {
                warnings.add(grant.provider() + " has no connection"
                        + (grant.connection() == null ? "" : " '" + grant.connection() + "'") + " in profile "
                        + store.name() + " yet; the agent's requests to it carry no credential until authsome login "
                        + grant.provider() + (grant.connection() == null ? "" : " --connection " + grant.connection()));
            }
        }
        return warnings;
    }
}
