package io.authsome.store.internal.agent;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.audit.AuditEvent;
import io.authsome.api.audit.AuditLog;
import io.authsome.api.command.AuthsomeCommand;
import io.authsome.api.command.CommandContext;
import io.authsome.api.command.CommandResult;
import io.authsome.api.command.CommandSpec;
import io.authsome.api.command.Table;
import io.authsome.api.command.Text;
import io.authsome.api.config.Configuration;
import io.authsome.api.provider.ProviderCatalog;
import io.authsome.api.vault.Vault;
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
 * agents that use the daemon's shared proxy. {@code add} shows the new credential once, in its
 * result, and keeps only its salted hash; {@code add} and {@code revoke} are refused inside a
 * {@code run} child (they make or end a credential). Each action is a subcommand.
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
    private Vault vault;

    @Reference
    private ProviderCatalog catalog;

    @Reference
    private Configuration configuration;

    @Reference
    private AuditLog audit;

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
            return new AgentAdd(parent.vault, parent.catalog, parent.configuration, parent.audit)
                    .add(context, name, allow);
        }
    }

    /** {@code agent list}. */
    @Command(name = "list", description = "List the agents: name, profile, allowed providers, created, last used.")
    static final class ListAgents implements AuthsomeCommand {
        @Override
        public CommandResult execute(CommandContext context) throws AuthsomeException {
            List<Map<String, Object>> data = new ArrayList<>();
            List<List<String>> rows = new ArrayList<>();
            for (StoredAgent stored : new AgentFile(context.home().root()).read()) {
                List<String> allowed = stored.agent().grants().stream().map(Object::toString).toList();
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("name", stored.name());
                entry.put("profile", stored.agent().profile());
                entry.put("allow", allowed);
                entry.put("created", stored.agent().created().toString());
                entry.put("last_used", stored.lastUsed() == null ? null : stored.lastUsed().toString());
                data.add(entry);
                rows.add(List.of(stored.name(), stored.agent().profile(),
                        allowed.isEmpty() ? "(none)" : String.join(",", allowed),
                        stored.agent().created().toString(), stored.lastUsed() == null ? "never" : stored.lastUsed().toString()));
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
            AgentFile file = new AgentFile(context.home().root());
            StoredAgent revoked = file.change(agents -> {
                StoredAgent removed = agents.remove(name);
                if (removed == null) {
                    throw AgentAdd.notFound(name, List.copyOf(agents.keySet()));
                }
                return removed;
            });
            parent.audit.record(AuditEvent.of("agent_revoke", revoked.agent().profile(), null, null, AuditEvent.SUCCESS)
                    .with("agent", name));
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("name", name);
            data.put("revoked", true);
            return CommandResult.of(data, new Text("Revoked agent " + name + ": the shared proxy refuses its credential"
                    + " from its next request on."));
        }
    }
}
