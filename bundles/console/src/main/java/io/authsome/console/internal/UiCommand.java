package io.authsome.console.internal;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.command.AuthsomeCommand;
import io.authsome.api.command.CommandContext;
import io.authsome.api.command.CommandResult;
import io.authsome.api.command.CommandSpec;
import io.authsome.api.command.Text;
import io.authsome.api.ui.Dashboard;
import io.authsome.api.vault.Vault;
import io.authsome.common.home.DaemonRuntime;
import io.authsome.common.json.Json;
import io.authsome.common.json.MalformedJsonException;
import io.authsome.console.internal.daemon.DaemonClient;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ServiceScope;
import picocli.CommandLine.Option;

/**
 * {@code ui [--no-browser]}: a one-time sign-in link to the dashboard of the home's daemon,
 * opened in the person's browser through a private page (the link never reaches the browser's
 * command line) and printed. In a process of its own it starts the daemon when none runs and
 * asks it for the link. Refused inside {@code authsome run}: the dashboard is the person's.
 */
@CommandSpec(name = "ui", summary = "Open the dashboard of this home's daemon in the browser",
        description = {"Open the dashboard the daemon serves on 127.0.0.1 (daemon.ui_port) with a sign-in link",
                "that works once, within two minutes; the link is printed too. Starts the daemon when none runs."},
        secrets = AuthsomeCommand.SECRETS_ALWAYS)
@Component(scope = ServiceScope.PROTOTYPE)
public final class UiCommand implements AuthsomeCommand {
    private static final Duration DAEMON_START = Duration.ofSeconds(60);

    @Option(names = "--no-browser", description = "Print the sign-in link without opening a browser.")
    private boolean noBrowser;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL)
    private Dashboard dashboard;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL)
    private Vault vault;

    private BundleContext bundle;

    @Activate
    void activate(BundleContext context) {
        this.bundle = context;
    }

    @Override
    public CommandResult execute(CommandContext context) throws AuthsomeException {
        Dashboard served = dashboard;
        if (served != null) {
            return signIn(served, (CommandContextImpl) context);
        }
        if (DaemonRuntime.isDaemon(bundle)) {
            throw new AuthsomeException(ErrorCode.RUNTIME_UNAVAILABLE, "the daemon of " + context.home().root()
                    + " serves no dashboard (daemon.ui_port is 0, or its port was taken)", "authsome daemon logs");
        }
        return fromDaemon(context);
    }

    /** In the daemon: a new link, opened where the person is. */
    private CommandResult signIn(Dashboard served, CommandContextImpl context) {
        URI link = served.signInLink();
        boolean opened = !noBrowser && context.io().person().openBrowser(link.toString(), context.home()).isPresent();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("url", served.address().toString());
        data.put("sign_in_link", link.toString());
        data.put("valid_for_s", Dashboard.SIGN_IN_VALIDITY.toSeconds());
        data.put("browser_opened", opened);
        return result(data);
    }

    /** In a process of its own: the daemon's answer, the daemon started first when none runs. */
    private CommandResult fromDaemon(CommandContext context) throws AuthsomeException {
        DaemonClient.ensureRunning(context, vault, bundle, DAEMON_START);
        List<String> arguments = new ArrayList<>(List.of("--home", context.home().root().toString(), "--json", "ui"));
        if (noBrowser) {
            arguments.add("--no-browser");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = DaemonClient.call(context.home(), arguments, context.environment(), out);
        if (code != 0) {
            return new CommandResult(Map.of(), List.of(), code); // the daemon said why, on stderr
        }
        try {
            Map<String, Object> data = new LinkedHashMap<>(Json.parseObject(out.toByteArray()));
            data.remove("v");
            return result(data);
        } catch (MalformedJsonException e) {
            throw new AuthsomeException(ErrorCode.UNEXPECTED, "the daemon's answer to ui was not JSON: "
                    + e.getMessage(), "authsome daemon logs");
        }
    }

    private static CommandResult result(Map<String, Object> data) {
        boolean opened = Boolean.TRUE.equals(data.get("browser_opened"));
        return CommandResult.of(data, new Text((opened ? "Opened the dashboard in your browser: " : "The dashboard: ")
                + data.get("url") + "\nSign-in link (works once, within " + Dashboard.SIGN_IN_VALIDITY.toMinutes()
                + " minutes): " + data.get("sign_in_link")));
    }
}
