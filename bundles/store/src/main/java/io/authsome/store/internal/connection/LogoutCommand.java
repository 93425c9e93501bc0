package io.authsome.store.internal.connection;

import io.authsome.api.AuthsomeException;
import io.authsome.api.audit.AuditEvent;
import io.authsome.api.audit.AuditLog;
import io.authsome.api.command.AuthsomeCommand;
import io.authsome.api.command.CommandContext;
import io.authsome.api.command.CommandResult;
import io.authsome.api.command.CommandSpec;
import io.authsome.api.command.Text;
import io.authsome.api.vault.ProfileStore;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import picocli.CommandLine.Mixin;

/** {@code logout <provider> [--connection N]}: removes one connection locally; no remote call. */
@CommandSpec(name = "logout", summary = "Remove one connection locally",
        description = "Remove one connection from this machine (the provider is not told).",
        secrets = AuthsomeCommand.SECRETS_ALWAYS)
@Component(scope = ServiceScope.PROTOTYPE)
public final class LogoutCommand implements AuthsomeCommand {
    @Mixin
    private ConnectionArguments arguments = new ConnectionArguments();

    @Reference
    private ConnectionTargets targets;

    @Reference
    private AuditLog audit;

    @Override
    public CommandResult execute(CommandContext context) throws AuthsomeException {
        ConnectionArguments.Target target = arguments.resolve(targets, context);
        String provider = target.provider().name();
        ProfileStore store = target.store();
        String chosen = target.connection();
        store.delete(provider, chosen);
        audit.record(AuditEvent.of("logout", store.name(), provider, chosen, AuditEvent.SUCCESS));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("provider", provider);
        data.put("connection", chosen);
        data.put("removed", true);
        String next = store.defaultConnection(provider).map(d -> " The default connection is now '" + d + "'.")
                .orElse("");
        return CommandResult.of(data, new Text("Removed connection '" + chosen + "' of " + provider + "." + next));
    }
}
