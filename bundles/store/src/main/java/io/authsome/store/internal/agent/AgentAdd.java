package io.authsome.store.internal.agent;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.agent.Agent;
import io.authsome.api.agent.Agents;
import io.authsome.api.agent.Grant;
import io.authsome.api.audit.AuditEvent;
import io.authsome.api.audit.AuditLog;
import io.authsome.api.command.CommandContext;
import io.authsome.api.command.CommandResult;
import io.authsome.api.command.Text;
import io.authsome.api.config.Configuration;
import io.authsome.api.provider.Provider;
import io.authsome.api.provider.ProviderCatalog;
import io.authsome.api.vault.ConnectionInfo;
import io.authsome.api.vault.ProfileStore;
import io.authsome.api.vault.Vault;
import io.authsome.common.text.Suggestions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What {@code agent add} does: checks the name and every {@code --allow} entry, makes the
 * credential, keeps its hash, audits {@code agent_add} (never the credential), and returns the one
 * result that shows the credential: the agent's {@code HTTPS_PROXY} and the CA files to trust.
 */
final class AgentAdd {
    /** Agent names: the user of a proxy URL, as they are. */
    static final Pattern NAME = Pattern.compile("^[a-z0-9][a-z0-9_.-]{0,63}$");

    private final Vault vault;
    private final ProviderCatalog catalog;
    private final Configuration configuration;
    private final AuditLog audit;

    AgentAdd(Vault vault, ProviderCatalog catalog, Configuration configuration, AuditLog audit) {
        this.vault = vault;
        this.catalog = catalog;
        this.configuration = configuration;
        this.audit = audit;
    }

    CommandResult add(CommandContext context, String name, List<String> allow) throws AuthsomeException {
        if (!NAME.matcher(name).matches()) {
            throw new AuthsomeException(ErrorCode.USAGE, "agent name '" + name + "' must match " + NAME.pattern(),
                    "authsome agent add <name>, with lower-case letters, digits, '.', '_' and '-'");
        }
        List<Grant> grants = grants(allow);
        String profile = context.profile();
        ProfileStore store = vault.profile(profile);
        int port = configuration.current().daemon().proxyPort().require();
        notes(context, store, grants);
        String credential = AgentCredentials.generate();
        byte[] salt = AgentCredentials.salt();
        Agent agent = new Agent(name, profile, grants, Instant.now().truncatedTo(ChronoUnit.SECONDS));
        StoredAgent stored = new StoredAgent(agent, salt, AgentCredentials.hash(salt, credential), null);
        new AgentFile(context.home().root()).change(agents -> {
            if (agents.containsKey(name)) {
                throw new AuthsomeException(ErrorCode.CONNECTION_EXISTS, "an agent called '" + name + "' exists",
                        "authsome agent revoke " + name + " first, then authsome agent add " + name);
            }
            agents.put(name, stored);
            return null;
        });
        List<String> allowed = grants.stream().map(Grant::toString).toList();
        audit.record(AuditEvent.of("agent_add", profile, null, null, AuditEvent.SUCCESS)
                .with("agent", name)
                .with("allow", String.join(",", allowed)));
        return result(context, agent, credential, port);
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

    /** Warnings for grants that inject nothing yet: no such connection in the profile (it may come later). */
    private static void notes(CommandContext context, ProfileStore store, List<Grant> grants) {
        if (context.quiet()) {
            return;
        }
        if (grants.isEmpty()) {
            context.diagnostics().println("warning: no --allow: the agent's requests carry no credential");
            return;
        }
        List<ConnectionInfo> connections;
        try {
            connections = store.connections();
        } catch (AuthsomeException e) {
            return; // only a warning: the vault's own commands report why it cannot be read
        }
        for (Grant grant : grants) {
            boolean present = connections.stream().anyMatch(info -> info.provider().equals(grant.provider())
                    && (grant.connection() == null ? info.isDefault() : info.name().equals(grant.connection())));
            if (!present) {
                context.diagnostics().println("warning: " + grant.provider() + " has no connection"
                        + (grant.connection() == null ? "" : " '" + grant.connection() + "'") + " in profile "
                        + store.name() + " yet; the agent's requests to it carry no credential until authsome login "
                        + grant.provider() + (grant.connection() == null ? "" : " --connection " + grant.connection()));
            }
        }
    }

    private static CommandResult result(CommandContext context, Agent agent, String credential, int port) {
        String proxyUrl = port == 0 ? null : "http://" + agent.name() + ":" + credential + "@127.0.0.1:" + port;
        String caBundle = Agents.caBundle(context.home()).toString();
        String caFile = context.home().ca().resolve("ca.pem").toString();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", agent.name());
        data.put("profile", agent.profile());
        data.put("allow", agent.grants().stream().map(Grant::toString).toList());
        data.put("created", agent.created().toString());
        data.put("credential", credential);
        data.put("https_proxy", proxyUrl);
        data.put("proxy_port", port);
        data.put("ca_bundle", caBundle);
        data.put("ca_file", caFile);
        data.put("trust_store", Agents.trustStore(context.home()).toString());
        StringBuilder text = new StringBuilder("Added agent " + agent.name() + " (profile " + agent.profile()
                + "; allowed: " + (agent.grants().isEmpty() ? "nothing" : String.join(", ",
                agent.grants().stream().map(Grant::toString).toList())) + ").\n");
        text.append("Its credential is in the proxy URL below, shown only now: authsome keeps only a hash of it.\n\n");
        if (proxyUrl == null) {
            text.append("  (daemon.proxy_port is 0: the shared proxy is off; set it in ")
                    .append(context.home().config()).append(")\n");
        } else {
            text.append("  HTTPS_PROXY=").append(proxyUrl).append('\n');
        }
        text.append("  SSL_CERT_FILE=").append(caBundle).append('\n');
        text.append("  NODE_EXTRA_CA_CERTS=").append(caFile).append("\n\n");
        text.append("The shared proxy runs in the daemon (authsome daemon start), which writes the CA files when it"
                + " starts.\nRevoke the agent with: authsome agent revoke ").append(agent.name());
        return CommandResult.of(data, new Text(text.toString()));
    }

    /** No agent called {@code name}: the closest names of {@code known}. */
    static AuthsomeException notFound(String name, List<String> known) {
        List<String> close = Suggestions.closest(name, known, 3);
        return new AuthsomeException(ErrorCode.CONNECTION_NOT_FOUND, "no agent called '" + name + "'"
                + (close.isEmpty() ? "" : " (did you mean " + String.join(", ", close) + "?)"), "authsome agent list");
    }
}
