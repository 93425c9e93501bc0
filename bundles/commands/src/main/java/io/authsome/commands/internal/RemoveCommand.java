package io.authsome.commands.internal;

import io.authsome.api.AuthsomeException;
import io.authsome.api.audit.AuditEvent;
import io.authsome.api.audit.AuditLog;
import io.authsome.api.command.AuthsomeCommand;
import io.authsome.api.command.CommandContext;
import io.authsome.api.command.CommandResult;
import io.authsome.api.command.Text;
import io.authsome.api.provider.Provider;
import io.authsome.api.provider.ProviderCatalog;
import io.authsome.api.provider.ProviderSource;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code remove <provider>}: uninstalls a custom provider. A bundled provider stays; removing
 * it resets what is stored for it, which is nothing until a vault holds its OAuth client.
 */
@Command(name = "remove", description = "Remove a custom provider, or reset a bundled one.")
@Component(scope = ServiceScope.PROTOTYPE, property = {
        AuthsomeCommand.NAME + "=remove",
        AuthsomeCommand.SUMMARY + "=Remove a custom provider, or reset a bundled one"})
public final class RemoveCommand implements AuthsomeCommand {
    @Parameters(paramLabel = "<provider>", description = "Provider name.")
    private String name;

    @Reference
    private ProviderCatalog catalog;

    @Reference
    private AuditLog audit;

    @Override
    public CommandResult execute(CommandContext context) throws AuthsomeException {
        Provider provider = catalog.require(name);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("provider", provider.name());
        if (provider.source() == ProviderSource.BUNDLED) {
            data.put("removed", false);
            data.put("reset", true);
            return CommandResult.of(data, new Text("'" + name + "' is bundled and stays available;"
                    + " it has no stored OAuth client to reset."));
        }
        Provider removed = catalog.remove(name);
        audit.record(new AuditEvent("remove", null, name, null, AuditEvent.SUCCESS, Map.of("file", removed.origin())));
        data.put("removed", true);
        data.put("path", removed.origin());
        String after = catalog.find(name).map(p -> " The " + p.source().id() + " definition of '" + name
                + "' applies again.").orElse("");
        return CommandResult.of(data, new Text("Removed custom provider '" + name + "' (" + removed.origin() + ")."
                + after));
    }
}
