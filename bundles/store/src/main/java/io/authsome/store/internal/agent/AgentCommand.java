package io.authsome.store.internal.agent;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.agent.Agent;
import io.authsome.api.agent.Agents;
import io.authsome.api.agent.Grant;
import io.authsome.api.agent.ListedAgent;
import io.authsome.api.agent.NewAgent;
import io.authsome.api.command.AuthsomeCommand;
import io.authsome.api.command.CommandContext;
import io.authsome.api.command.CommandResult;
import io.authsome.api.command.CommandSpec;
import io.authsome.api.command.Table;
import io.authsome.api.command.Text;
import io.authsome.api.vault.Secret;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code agent add <name> [--allow p[=conn],...]|list|revoke <name>}: credentials of long-running
 * agents that use the daemon's shared proxy, through the {@link Agents} service (which the
 * dashboard shares). {@code add} shows the new credential once, in its result; {@code add} and
 * {@code revoke} are refused inside a {@code run} child (they make or end a credential). Each
 * action is a subcommand.
 */
@CommandSpec(name = "agent", summary = "Add, list or revoke credentials of agents that use the shared proxy",
        description = {"Credentials of long-running agents that use the daemon's shared proxy.",
        "'agent add <name> --allow github,openai=work' prints the agent's proxy URL, once;",
        "the agent then gets credentials only for the providers it is allowed.",
        "'agent revoke <name>' ends it from its next request on."},
        secrets = {"add", "revoke"})
@Component(scope = ServiceScope.PROTOTYPE)
@Command(subcommands = {AgentCommand.Add.class, AgentCommand.ListAgents.class, AgentCommand.Revoke.class})
public final class AgentCommand implements AuthsomeCommand {
    @Reference
    private Agents agents;

    /** Runs only without an action, which the console already refuses. */
    @Override
    public CommandResult execute(CommandContext context) throws AuthsomeException {
        throw new AuthsomeException(ErrorCode.USAGE, "agent needs an action: add, list, revoke", "authsome help agent");
    }

    /** {@code agent add <name> [--allow p[=conn],...]}. */
    @Command(name = "add", description = "Add an agent; its proxy URL, with its credential, is shown only now.")
    static final class Add implements AuthsomeCommand {
        @ParentCommand
        private AgentCommand parent;

        @Parameters(index = "0", paramLabel = "<name>", description = "The agent's name (the user of its proxy URL).")
        private String name;

        @Option(names = "--allow", split = ",", paramLabel = "PROVIDER[=CONN]",
                description = "A provider the agent may use (its default connection, or the one named); repeatable,"
                        + " or comma-separated. None: the agent gets no credential.")
        private List<String> allow = new ArrayList<>();

        @Override
        public CommandResult execute(CommandContext context) throws AuthsomeException {
            NewAgent added = parent.agents.add(name, context.profile(), allow, null);
            if (!context.quiet()) {
                added.warnings().forEach(warning -> context.diagnostics().println("warning: " + warning));
            }
            return result(context, added);
        }

        /** The one result that shows the credential: the agent's {@code HTTPS_PROXY} and the CA files to trust. */
        private static CommandResult result(CommandContext context, NewAgent added) {
            Agent agent = added.agent();
            String proxyUrl = added.httpsProxy().map(Secret::reveal).orElse(null);
            String caBundle = Agents.caBundle(context.home()).toString();
            String caFile = Agents.caFile(context.home()).toString();
            List<String> allowed = agent.grants().stream().map(Grant::toString).toList();
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("name", agent.name());
            data.put("profile", agent.profile());
            data.put("allow", allowed);
            data.put("created", agent.created().toString());
            data.put("credential", added.credential().reveal());
            data.put("https_proxy", proxyUrl);
            data.put("proxy_port", added.proxyPort());
            data.put("ca_bundle", caBundle);
            data.put("ca_file", caFile);
            data.put("trust_store", Agents.trustStore(context.home()).toString());
            StringBuilder text = new StringBuilder("Added agent " + agent.name() + " (profile " + agent.profile()
                    + "; allowed: " + (allowed.isEmpty() ? "nothing" : String.join(", ", allowed)) + ").\n");
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
    }

    /** {@code agent list}. */
    @Command(name = "list", description = "List the agents: name, profile, allowed providers, created, last used.")
    static final class ListAgents implements AuthsomeCommand {
        @ParentCommand
        private AgentCommand parent;

        @Override
        public CommandResult execute(CommandContext context) throws AuthsomeException {
            List<Map<String, Object>> data = new ArrayList<>();
            List<List<String>> rows = new ArrayList<>();
            for (ListedAgent listed : parent.agents.list()) {
                Agent agent = listed.agent();
                List<String> allowed = agent.grants().stream().map(Grant::toString).toList();
                String lastUsed = listed.lastUsed() == null ? null : listed.lastUsed().toString();
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("name", agent.name());
                entry.put("profile", agent.profile());
                entry.put("allow", allowed);
                entry.put("created", agent.created().toString());
                entry.put("last_used", lastUsed);
                data.add(entry);
                rows.add(List.of(agent.name(), agent.profile(), allowed.isEmpty() ? "(none)" : String.join(",", allowed),
                        agent.created().toString(), lastUsed == null ? "never" : lastUsed));
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("agents", data);
            return CommandResult.of(result, rows.isEmpty()
                    ? new Text("No agents. Add one with: authsome agent add <name> --allow <provider>,...")
                    : new Table(List.of("NAME", "PROFILE", "ALLOW", "CREATED", "LAST USED"), rows));
        }
    }

    /** {@code agent revoke <name>}. */
    @Command(name = "revoke", description = "Revoke an agent: the shared proxy refuses it from its next request on.")
    static final class Revoke implements AuthsomeCommand {
        @ParentCommand
        private AgentCommand parent;

        @Parameters(index = "0", paramLabel = "<name>", description = "The agent's name.")
        private String name;

        @Override
        public CommandResult execute(CommandContext context) throws AuthsomeException {
            parent.agents.revoke(name, null);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("name", name);
            data.put("revoked", true);
            return CommandResult.of(data, new Text("Revoked agent " + name + ": the shared proxy refuses its credential"
                    + " from its next request on."));
        }
    }
}
