package io.authsome.store.internal.vault;

import io.authsome.api.command.AuthsomeCommand;
import io.authsome.api.command.CommandContext;
import io.authsome.api.command.CommandResult;
import io.authsome.api.command.CommandSpec;
import io.authsome.api.command.Table;
import io.authsome.api.vault.Vault;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;

/** {@code whoami}: home, profile, encryption mode, runtime version. */
@CommandSpec(name = "whoami", summary = "Show home, profile, encryption mode and version",
        description = "Show the home directory, profile, encryption mode and version.")
@Component(scope = ServiceScope.PROTOTYPE)
public final class WhoamiCommand implements AuthsomeCommand {
    @Reference
    private Vault vault;

    private BundleContext bundleContext;

    @Activate
    void activate(BundleContext bundleContext) {
        this.bundleContext = bundleContext;
    }

    @Override
    public CommandResult execute(CommandContext context) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("home", context.home().root().toString());
        data.put("profile", context.profile());
        data.put("encryption", vault.encryptionMode());
        data.put("version", String.valueOf(bundleContext.getProperty("authsome.version")));
        List<List<String>> rows = new ArrayList<>();
        data.forEach((key, value) -> rows.add(List.of(key, String.valueOf(value))));
        return CommandResult.of(data, new Table(List.of("WHAT", "VALUE"), rows));
    }
}
