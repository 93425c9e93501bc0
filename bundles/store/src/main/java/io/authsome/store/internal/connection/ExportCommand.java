package io.authsome.store.internal.connection;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.audit.AuditEvent;
import io.authsome.api.audit.AuditLog;
import io.authsome.api.command.AuthsomeCommand;
import io.authsome.api.command.CommandContext;
import io.authsome.api.command.CommandResult;
import io.authsome.api.command.CommandSpec;
import io.authsome.api.command.Text;
import io.authsome.api.provider.AuthType;
import io.authsome.api.provider.Provider;
import io.authsome.api.vault.Connection;
import io.authsome.api.vault.ProfileStore;
import io.authsome.common.plugin.ExportedFields;
import io.authsome.common.text.NextStep;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code export <provider> [--connection N] [--format env|shell|json|dotenv]}: the access token
 * or API key under the provider's environment variable names; for a plugin provider, each field
 * the connection holds (and a minted access token) under the names its {@code export.env} gives
 * it. Refresh tokens are never exported.
 */
@CommandSpec(name = "export", summary = "Print a credential as environment variables (audited)",
        description = "Print the credential under the provider's environment variable names.",
        secrets = AuthsomeCommand.SECRETS_ALWAYS)
@Component(scope = ServiceScope.PROTOTYPE)
public final class ExportCommand implements AuthsomeCommand {
    @Mixin
    private ConnectionArguments arguments = new ConnectionArguments();

    @Option(names = "--format", paramLabel = "FORMAT", description = "env, shell, json or dotenv (default: env).")
    private ExportFormat format = ExportFormat.ENV;

    @Reference
    private ConnectionTargets targets;

    @Reference
    private AuditLog audit;

    @Override
    public CommandResult execute(CommandContext context) throws AuthsomeException {
        ConnectionArguments.Target target = arguments.resolve(targets, context);
        Provider provider = target.provider();
        ProfileStore store = target.store();
        String chosen = target.connection();
        Connection found = targets.resolver(context).resolve(store.name(), provider.name(), chosen);
        Map<String, String> variables = variables(provider, found);
        String rendered = format.render(variables);
        audit.record(AuditEvent.of("export", store.name(), provider.name(), chosen, AuditEvent.SUCCESS)
                .with("format", format.name().toLowerCase(java.util.Locale.ROOT))
                .with("variables", String.join(",", variables.keySet())));
        // The rendering is the result in every mode: --json asks for JSON, which is --format json.
        Object data = format == ExportFormat.JSON || context.json() ? variables : rendered;
        return CommandResult.of(data, new Text(rendered));
    }

    /**
     * The provider's variables with the connection's values: the credential under each of its
     * names, or for a plugin provider each field the connection holds under its own names.
     */
    private static Map<String, String> variables(Provider provider, Connection found) throws AuthsomeException {
        Map<String, String> variables = new LinkedHashMap<>();
        if (provider.definition().authType() == AuthType.PLUGIN) {
            variables.putAll(ExportedFields.values(provider.definition(), found));
        } else {
            found.credential().ifPresent(secret -> provider.definition().envNames()
                    .forEach(variable -> variables.put(variable, secret.reveal())));
        }
        if (variables.isEmpty()) {
            throw new AuthsomeException(ErrorCode.CREDENTIAL_UNAVAILABLE, "connection " + found.id()
                    + " holds no credential to export (state: " + found.state().id() + ")", NextStep.login(provider.name()));
        }
        return variables;
    }
}
