package io.authsome.console.internal.daemon;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.command.AuthsomeCommand;
import io.authsome.api.command.CommandContext;
import io.authsome.api.command.CommandResult;
import io.authsome.api.command.CommandSpec;
import io.authsome.api.command.Text;
import io.authsome.api.ui.Dashboard;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ServiceScope;
import picocli.CommandLine.Option;

/**
 * {@code ui [--no-browser]}: a one-time sign-in link to the dashboard of the home's daemon,
 * opened in the person's browser through a private page (the link never reaches the browser's
 * command line) and printed. Refused inside {@code authsome run}: the dashboard is the person's.
 */
@CommandSpec(name = "ui", summary = "Open the dashboard of this home's daemon in the browser",
        description = {"Open the dashboard the daemon serves on 127.0.0.1 (daemon.ui_port) with a sign-in link",
                "that works once, within two minutes. The link is printed too, for a browser elsewhere."},
        secrets = AuthsomeCommand.SECRETS_ALWAYS)
@Component(scope = ServiceScope.PROTOTYPE)
public final class UiCommand implements AuthsomeCommand {
    @Option(names = "--no-browser", description = "Print the sign-in link without opening a browser.")
    private boolean noBrowser;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL)
    private Dashboard dashboard;

    @Override
    public CommandResult execute(CommandContext context) throws AuthsomeException {
        Dashboard served = dashboard;
        if (served == null) {
            boolean daemonRuns = DaemonFiles.runningPid(context.home()).isPresent();
            throw new AuthsomeException(ErrorCode.RUNTIME_UNAVAILABLE, daemonRuns
                    ? "the daemon of " + context.home().root() + " serves no dashboard (daemon.ui_port is 0, or its port"
                    + " was taken), or this command ran in its own process"
                    : "the dashboard is served by the daemon, and no daemon serves " + context.home().root(),
                    daemonRuns ? "authsome daemon logs" : "authsome daemon start, then authsome ui");
        }
        URI link = served.signInLink();
        boolean opened = !noBrowser && context.loginInteraction()
                .visit("sign_in", served.address().toString(), null, link.toString()).isPresent();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("url", served.address().toString());
        data.put("sign_in_link", link.toString());
        data.put("valid_for_s", Dashboard.SIGN_IN_VALIDITY.toSeconds());
        data.put("browser_opened", opened);
        return CommandResult.of(data, new Text((opened ? "Opened the dashboard in your browser: " : "The dashboard: ")
                + served.address() + "\nSign-in link (works once, within " + Dashboard.SIGN_IN_VALIDITY.toMinutes()
                + " minutes): " + link));
    }
}
