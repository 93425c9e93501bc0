package io.authsome.console.internal;

import io.authsome.api.command.AuthsomeCommand;
import io.authsome.api.command.CommandContext;
import io.authsome.api.command.CommandResult;
import io.authsome.api.command.CommandSpec;
import io.authsome.api.command.Text;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ServiceScope;

/** {@code version}: the authsome version and what it runs on. */
@CommandSpec(name = "version", summary = "Print the version",
        description = "Print the version of authsome and of its runtime.")
@Component(scope = ServiceScope.PROTOTYPE)
public final class VersionCommand implements AuthsomeCommand {
    /** Framework property set by the launcher from its own manifest. */
    static final String VERSION_PROPERTY = "authsome.version";

    private BundleContext context;

    @Activate
    void activate(BundleContext context) {
        this.context = context;
    }

    @Override
    public CommandResult execute(CommandContext commandContext) {
        String version = context.getProperty(VERSION_PROPERTY);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("version", version == null ? "unknown" : version);
        data.put("java", System.getProperty("java.version"));
        Bundle framework = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION);
        data.put("framework", framework.getSymbolicName() + " " + framework.getVersion());
        data.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        return CommandResult.of(data, new Text("authsome " + data.get("version") + " (Java " + data.get("java")
                + ", " + data.get("framework") + ", " + data.get("os") + ")"));
    }
}
