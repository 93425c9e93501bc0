package io.authsome.oauth.internal.login;

import io.authsome.api.AuthsomeException;
import io.authsome.api.command.AuthsomeCommand;
import io.authsome.api.command.CommandContext;
import io.authsome.api.command.CommandResult;
import io.authsome.api.command.CommandSpec;
import io.authsome.api.command.Text;
import io.authsome.api.login.Logins;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code login <provider>}: runs the provider's flow (or {@code --flow}) and stores the connection,
 * through the {@link Logins} service that the dashboard uses too.
 */
@CommandSpec(name = "login", summary = "Log in to a provider and store the connection",
        secrets = AuthsomeCommand.SECRETS_ALWAYS)
@Component(scope = ServiceScope.PROTOTYPE)
public final class LoginCommand implements AuthsomeCommand {
    @Parameters(paramLabel = "<provider>", description = "Provider name.")
    private String name;

    @Option(names = "--flow", paramLabel = "FLOW",
            description = "pkce, device_code, dcr_pkce, client_credentials, api_key or fields (default: the provider's).")
    private String flow;

    @Option(names = "--connection", paramLabel = "NAME", description = "Connection name (default: default).")
    private String connection = "default";

    @Option(names = "--scopes", paramLabel = "a,b,c", split = ",", description = "Scopes to ask for.")
    private List<String> scopes = new ArrayList<>();

    @Option(names = "--base-url", paramLabel = "URL", description = "Base URL of a self-hosted provider.")
    private String baseUrl;

    @Option(names = "--client-id", paramLabel = "ID", description = "OAuth client id (not a secret).")
    private String clientId;

    @Option(names = "--force", description = "Replace an existing connection.")
    private boolean force;

    @Option(names = "--no-browser", description = "Never open a browser; print the URL.")
    private boolean noBrowser;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "How long to wait for the user (default 300).")
    private long timeoutSeconds = 300;

    @Reference
    private Logins logins;

    @Override
    public CommandResult execute(CommandContext context) throws AuthsomeException {
        Logins.Outcome outcome = logins.login(new Logins.Order(name, flow, context.profile(), connection, scopes,
                baseUrl, clientId, force, noBrowser, Duration.ofSeconds(timeoutSeconds), null),
                context.loginInteraction());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("provider", outcome.provider());
        data.put("connection", outcome.connection());
        data.put("profile", outcome.profile());
        data.put("state", outcome.state());
        data.put("flow", outcome.flow());
        return CommandResult.of(data, new Text(outcome.describe()));
    }
}
