package io.authsome.store.internal.connection;

import io.authsome.api.AuthsomeException;
import io.authsome.api.command.AuthsomeCommand;
import io.authsome.api.command.CommandContext;
import io.authsome.api.command.CommandResult;
import io.authsome.api.command.CommandSpec;
import io.authsome.api.command.Text;
import io.authsome.api.vault.ProfileStore;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import picocli.CommandLine.Parameters;

/** {@code set-default <provider> <connection>}: the connection get, export and the proxy use. */
@CommandSpec(name = "set-default", summary = "Choose the default connection of a provider",
        description = "Make a connection the provider's default.")
@Component(scope = ServiceScope.PROTOTYPE)
public final class SetDefaultCommand implements AuthsomeCommand {
    @Parameters(index = "0", paramLabel = "<provider>", description = "Provider name.")
    private String name;

    @Parameters(index = "1", paramLabel = "<connection>", description = "Connection name.")
    private String connection;

    @Reference
    private ConnectionTargets targets;

    @Override
    public CommandResult execute(CommandContext context) throws AuthsomeException {
        String provider = targets.provider(name).name();
        ProfileStore store = targets.store(context);
        store.setDefault(provider, connection);
        return CommandResult.of(Map.of("provider", provider, "default", connection),
                new Text("'" + connection + "' is now the default connection of " + provider + "."));
    }
}
