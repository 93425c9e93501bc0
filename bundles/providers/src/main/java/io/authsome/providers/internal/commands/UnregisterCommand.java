package io.authsome.providers.internal.commands;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.audit.AuditEvent;
import io.authsome.api.audit.AuditLog;
import io.authsome.api.command.AuthsomeCommand;
import io.authsome.api.command.CommandContext;
import io.authsome.api.command.CommandResult;
import io.authsome.api.command.CommandSpec;
import io.authsome.api.command.Text;
import io.authsome.api.credential.TokenRevoker;
import io.authsome.api.provider.Provider;
import io.authsome.api.provider.ProviderCatalog;
import io.authsome.api.provider.ProviderSource;
import io.authsome.api.vault.ConnectionInfo;
import io.authsome.api.vault.Vault;
import io.authsome.common.connection.ProviderState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code unregister <provider> [--force]}: deletes a custom provider's definition from
 * {@code providers/}. Refused while a profile holds connections of it, which would be left with
 * tokens nobody can revoke; {@code --force} first does {@code remove} in every profile.
 */
@CommandSpec(name = "unregister", summary = "Delete a custom provider's definition",
        secrets = AuthsomeCommand.SECRETS_ALWAYS)
@Component(scope = ServiceScope.PROTOTYPE)
public final class UnregisterCommand implements AuthsomeCommand {
    @Parameters(paramLabel = "<provider>", description = "Provider name.")
    private String name;

    @Option(names = "--force", description = "Revoke and remove its connections and clients in every profile first.")
    private boolean force;

    @Reference
    private ProviderCatalog catalog;

    @Reference
    private Vault vault;

    @Reference
    private AuditLog audit;

    @Reference
    private TokenRevoker revoker;

    @Override
    public CommandResult execute(CommandContext context) throws AuthsomeException {
        Provider provider = catalog.require(name);
        if (provider.source() != ProviderSource.CUSTOM) {
            throw new AuthsomeException(ErrorCode.NOT_ALLOWED, "provider '" + name + "' is " + provider.source().id()
                    + ", not custom: only a definition added with register can be unregistered",
                    provider.source() == ProviderSource.DROP_IN ? "delete " + provider.origin() + " to remove it"
                            : "authsome remove " + name + " deletes its connections and client in this profile");
        }
        Map<String, List<String>> holders = holders();
        if (!holders.isEmpty() && !force) {
            throw new AuthsomeException(ErrorCode.NOT_ALLOWED, "provider '" + name + "' still has connections: "
                    + holders.entrySet().stream().map(e -> "profile " + e.getKey() + " (" + String.join(", ", e.getValue())
                    + ")").collect(Collectors.joining(", ")), "authsome unregister " + name
                    + " --force to revoke and remove them first");
        }
        List<Map<String, Object>> removals = new ArrayList<>();
        ProviderState state = new ProviderState(vault, revoker, audit);
        for (String profile : force && vault.exists() ? vault.profiles() : List.<String>of()) {
            if (!state.any(profile, name)) {
                continue;
            }
            ProviderState.Removal removal = state.remove(profile, provider, context.verbose() ? context.diagnostics() : null);
            removal.warnings().forEach(warning -> context.diagnostics().println("warning: " + warning));
            removals.add(removal.toJson());
        }
        Provider removed = catalog.remove(name);
        audit.record(AuditEvent.of("unregister", null, name, null, AuditEvent.SUCCESS).with("file", removed.origin()));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("provider", name);
        data.put("unregistered", true);
        data.put("path", removed.origin());
        data.put("removed", removals);
        String after = catalog.find(name).map(p -> " The " + p.source().id() + " definition of '" + name
                + "' applies again.").orElse("");
        return CommandResult.of(data, new Text("Unregistered custom provider '" + name + "' (" + removed.origin() + ")."
                + after));
    }

    /** The profiles that hold connections of the provider, with their connection names. */
    private Map<String, List<String>> holders() throws AuthsomeException {
        Map<String, List<String>> holders = new LinkedHashMap<>();
        if (!vault.exists()) {
            return holders;
        }
        for (String profile : vault.profiles()) {
            List<String> names = vault.profile(profile).connections(name).stream().map(ConnectionInfo::name).toList();
            if (!names.isEmpty()) {
                holders.put(profile, names);
            }
        }
        return holders;
    }
}
