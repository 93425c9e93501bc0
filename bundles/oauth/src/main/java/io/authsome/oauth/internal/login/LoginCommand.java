package io.authsome.oauth.internal.login;

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
import io.authsome.api.login.LoginFailure;
import io.authsome.api.login.LoginFlow;
import io.authsome.api.login.LoginRequest;
import io.authsome.api.provider.Flow;
import io.authsome.api.provider.Identified;
import io.authsome.api.provider.Provider;
import io.authsome.api.provider.ProviderCatalog;
import io.authsome.api.vault.Connection;
import io.authsome.api.vault.ConnectionInfo;
import io.authsome.api.vault.ProfileStore;
import io.authsome.api.vault.Secret;
import io.authsome.api.vault.Vault;
import io.authsome.common.text.NextStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code login <provider>}: runs the provider's flow (or {@code --flow}) and stores the connection. */
@CommandSpec(name = "login", summary = "Log in to a provider and store the connection",
        secrets = AuthsomeCommand.SECRETS_ALWAYS)
@Component(scope = ServiceScope.PROTOTYPE)
public final class LoginCommand implements AuthsomeCommand {
    @Parameters(paramLabel = "<provider>", description = "Provider name.")
    private String name;

    @Option(names = "--flow", paramLabel = "FLOW",
            description = "pkce, device_code, dcr_pkce, client_credentials or api_key (default: the provider's).")
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
    private ProviderCatalog catalog;

    @Reference
    private Vault vault;

    @Reference
    private AuditLog audit;

    @Reference
    private TokenRevoker revoker;

    private BundleContext bundleContext;

    @Activate
    void activate(BundleContext bundleContext) {
        this.bundleContext = bundleContext;
    }

    @Override
    public CommandResult execute(CommandContext context) throws AuthsomeException {
        Provider provider = catalog.require(name);
        Flow chosen = flow == null ? provider.definition().flow() : Identified.byId(Flow.class, flow).orElseThrow(
                () -> new AuthsomeException(ErrorCode.USAGE, "unknown flow '" + flow + "'",
                        "use pkce, device_code, dcr_pkce, client_credentials or api_key"));
        if (chosen.authType() != provider.definition().authType()) {
            throw new AuthsomeException(ErrorCode.NOT_ALLOWED, "flow " + chosen.id() + " does not apply to "
                    + provider.name() + " (" + provider.definition().authType().id() + ")", NextStep.login(name, scopes));
        }
        ProfileStore store = vault.profile(context.profile());
        ConnectionInfo existing = store.connections(provider.name()).stream().filter(c -> c.name().equals(connection))
                .findFirst().orElse(null);
        ScopeUpgrade upgrade = existing == null || force ? null : ScopeUpgrade.of(provider, existing, scopes);
        if (existing != null && !force && upgrade == null) {
            throw new AuthsomeException(ErrorCode.CONNECTION_EXISTS, "connection '" + connection + "' of "
                    + provider.name() + " already exists in profile " + store.name(),
                    NextStep.login(name, scopes) + " --force to replace it, or --connection NAME for another one");
        }
        if (upgrade != null) {
            context.diagnostics().println(upgrade.describe());
        }
        LoginRequest request = new LoginRequest(provider, store.name(), connection, scopes, baseUrl, clientId,
                noBrowser, Duration.ofSeconds(timeoutSeconds), context.loginInteraction());
        Connection stored;
        Connection replaced = upgrade == null ? null : store.read(provider.name(), connection);
        try {
            Connection obtained = runFlow(chosen, request);
            // the flow that obtained the credential is part of its metadata (get shows it)
            stored = obtained.withAttributes(Map.of(Connection.FLOW, chosen.id()), obtained.updatedAt());
            store.write(stored, force || upgrade != null);
        } catch (AuthsomeException e) {
            audit.record(AuditEvent.of("login", store.name(), provider.name(), connection, AuditEvent.FAILURE)
                    .with("flow", chosen.id()).with("reason", reason(e)));
            throw e;
        }
        AuditEvent event = AuditEvent.of("login", store.name(), provider.name(), connection, AuditEvent.SUCCESS)
                .with("flow", chosen.id());
        audit.record(upgrade == null ? event : event.with("scope_upgrade", String.join(",", upgrade.missing())));
        if (replaced != null) {
            revokeReplaced(store.name(), replaced, stored, context);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("provider", provider.name());
        data.put("connection", connection);
        data.put("profile", store.name());
        data.put("state", stored.state().id());
        data.put("flow", chosen.id());
        return CommandResult.of(data, new Text("Logged in to " + provider.definition().displayName() + " as connection '"
                + connection + "' in profile " + store.name() + "."));
    }

    /**
     * Revokes the tokens a scope upgrade replaced, once the new ones are stored; never one the new
     * connection holds too (a server may hand the same refresh token out again).
     */
    private void revokeReplaced(String profile, Connection replaced, Connection stored, CommandContext context) {
        Map<String, Secret> old = new LinkedHashMap<>(replaced.secrets());
        old.values().removeIf(stored.secrets().values()::contains);
        Connection retired = new Connection(replaced.provider(), replaced.name(), replaced.state(), old,
                replaced.attributes(), replaced.createdAt(), replaced.updatedAt(), replaced.expiresAt());
        TokenRevoker.Outcome outcome = revoker.revoke(profile, retired, context.verbose() ? context.diagnostics() : null);
        audit.record(AuditEvent.of("revoke", profile, replaced.provider(), replaced.name(),
                outcome.revoked() ? AuditEvent.SUCCESS : "local_only").with("reason", "scope_upgrade"));
        if (!outcome.revoked()) {
            context.diagnostics().println("warning: " + outcome.warning());
        }
    }

    /**
     * The audited reason of a failed login: the flow's own ({@code no_client}, {@code timed_out},
     * {@code client_rejected}, ...), else the error code in lower case ({@code invalid_input}, ...).
     */
    private static String reason(AuthsomeException e) {
        return e instanceof LoginFailure failure ? failure.reason().id() : e.code().name().toLowerCase(Locale.ROOT);
    }

    private Connection runFlow(Flow chosen, LoginRequest request) throws AuthsomeException {
        Collection<ServiceReference<LoginFlow>> references;
        try {
            references = bundleContext.getServiceReferences(LoginFlow.class, "(" + LoginFlow.FLOW + "=" + chosen.id() + ")");
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        ServiceReference<LoginFlow> reference = references.stream().max(ServiceReference::compareTo).orElseThrow(
                () -> new AuthsomeException(ErrorCode.RUNTIME_UNAVAILABLE, "no login flow '" + chosen.id()
                        + "' is installed", "authsome bundles shows what is installed"));
        LoginFlow loginFlow = bundleContext.getService(reference);
        try {
            return loginFlow.login(request);
        } finally {
            bundleContext.ungetService(reference);
        }
    }
}
