package io.authsome.oauth.internal.login;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.audit.AuditEvent;
import io.authsome.api.audit.AuditLog;
import io.authsome.api.credential.TokenRevoker;
import io.authsome.api.login.LoginFailure;
import io.authsome.api.login.LoginFlow;
import io.authsome.api.login.LoginInteraction;
import io.authsome.api.login.LoginRequest;
import io.authsome.api.login.Logins;
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
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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

/**
 * The {@link Logins} service: what {@code authsome login} does, shared by the console's command
 * and the dashboard. The flow is the newest {@link LoginFlow} service registered for its id.
 */
@Component
public final class LoginService implements Logins {
    /** Finds the flow service of one flow id and runs it. */
    interface FlowRunner {
        Connection run(Flow flow, LoginRequest request) throws AuthsomeException;
    }

    @Reference
    private ProviderCatalog catalog;

    @Reference
    private Vault vault;

    @Reference
    private AuditLog audit;

    @Reference
    private TokenRevoker revoker;

    private FlowRunner flows;

    public LoginService() {
    }

    /** For tests: the services, and flows run by {@code flows}. */
    LoginService(ProviderCatalog catalog, Vault vault, AuditLog audit, TokenRevoker revoker, FlowRunner flows) {
        this.catalog = catalog;
        this.vault = vault;
        this.audit = audit;
        this.revoker = revoker;
        this.flows = flows;
    }

    @Activate
    void activate(BundleContext bundleContext) {
        this.flows = (flow, request) -> runFlow(bundleContext, flow, request);
    }

    @Override
    public Outcome login(Order order, LoginInteraction interaction) throws AuthsomeException {
        Provider provider = catalog.require(order.provider());
        String name = order.provider();
        Flow chosen = order.flow() == null ? provider.definition().flow()
                : Identified.byId(Flow.class, order.flow()).orElseThrow(() -> new AuthsomeException(ErrorCode.USAGE,
                        "unknown flow '" + order.flow() + "'", "use pkce, device_code, dcr_pkce, client_credentials, api_key or fields"));
        if (chosen.authType() != provider.definition().authType()) {
            throw new AuthsomeException(ErrorCode.NOT_ALLOWED, "flow " + chosen.id() + " does not apply to "
                    + provider.name() + " (" + provider.definition().authType().id() + ")",
                    NextStep.login(name, order.scopes()));
        }
        String connection = order.connection();
        ProfileStore store = vault.profile(order.profile());
        ConnectionInfo existing = store.connections(provider.name()).stream().filter(c -> c.name().equals(connection))
                .findFirst().orElse(null);
        ScopeUpgrade upgrade = existing == null || order.force() ? null
                : ScopeUpgrade.of(provider, existing, order.scopes());
        if (existing != null && !order.force() && upgrade == null) {
            throw new AuthsomeException(ErrorCode.CONNECTION_EXISTS, "connection '" + connection + "' of "
                    + provider.name() + " already exists in profile " + store.name(),
                    NextStep.login(name, order.scopes()) + " --force to replace it, or --connection NAME for another one");
        }
        if (upgrade != null) {
            interaction.tell(upgrade.describe());
        }
        LoginRequest request = new LoginRequest(provider, store.name(), connection, order.scopes(), order.baseUrl(),
                order.clientId(), order.noBrowser(), order.timeout(), interaction);
        Connection stored;
        Connection replaced = upgrade == null ? null : store.read(provider.name(), connection);
        try {
            Connection obtained = flows.run(chosen, request);
            // the flow that obtained the credential is part of its metadata (get shows it)
            stored = obtained.withAttributes(Map.of(Connection.FLOW, chosen.id()), obtained.updatedAt());
            store.write(stored, order.force() || upgrade != null);
        } catch (AuthsomeException e) {
            audit.record(via(AuditEvent.of("login", store.name(), provider.name(), connection, AuditEvent.FAILURE)
                    .with("flow", chosen.id()).with("reason", reason(e)), order));
            throw e;
        }
        AuditEvent event = via(AuditEvent.of("login", store.name(), provider.name(), connection, AuditEvent.SUCCESS)
                .with("flow", chosen.id()), order);
        audit.record(upgrade == null ? event : event.with("scope_upgrade", String.join(",", upgrade.missing())));
        if (replaced != null) {
            revokeReplaced(store.name(), replaced, stored, order, interaction);
        }
        return new Outcome(provider.name(), provider.definition().displayName(), store.name(), connection,
                stored.state().id(), chosen.id(), upgrade == null ? List.of() : upgrade.missing());
    }

    /**
     * Revokes the tokens a scope upgrade replaced, once the new ones are stored; never one the new
     * connection holds too (a server may hand the same refresh token out again).
     */
    private void revokeReplaced(String profile, Connection replaced, Connection stored, Order order,
                                LoginInteraction interaction) {
        Map<String, Secret> old = new LinkedHashMap<>(replaced.secrets());
        old.values().removeIf(stored.secrets().values()::contains);
        Connection retired = new Connection(replaced.provider(), replaced.name(), replaced.state(), old,
                replaced.attributes(), replaced.createdAt(), replaced.updatedAt(), replaced.expiresAt());
        TokenRevoker.Outcome outcome = revoker.revoke(profile, retired,
                interaction.verbose() ? traceTo(interaction) : null);
        audit.record(via(AuditEvent.of("revoke", profile, replaced.provider(), replaced.name(),
                outcome.revoked() ? AuditEvent.SUCCESS : "local_only").with("reason", "scope_upgrade"), order));
        if (!outcome.revoked()) {
            interaction.tell("warning: " + outcome.warning());
        }
    }

    private static AuditEvent via(AuditEvent event, Order order) {
        return order.via() == null ? event : event.with("via", order.via());
    }

    /**
     * The audited reason of a failed login: the flow's own ({@code no_client}, {@code timed_out},
     * {@code client_rejected}, ...), else the error code in lower case ({@code invalid_input}, ...).
     */
    private static String reason(AuthsomeException e) {
        return e instanceof LoginFailure failure ? failure.reason().id() : e.code().name().toLowerCase(Locale.ROOT);
    }

    /** The revoker's {@code --verbose} round trips, line by line, into the interaction's trace. */
    static PrintStream traceTo(LoginInteraction interaction) {
        return new PrintStream(new OutputStream() {
            private final ByteArrayOutputStream line = new ByteArrayOutputStream();

            @Override
            public synchronized void write(int b) {
                if (b == '\n') {
                    interaction.trace(line.toString(StandardCharsets.UTF_8));
                    line.reset();
                } else {
                    line.write(b);
                }
            }
        }, true, StandardCharsets.UTF_8);
    }

    private static Connection runFlow(BundleContext bundleContext, Flow chosen, LoginRequest request)
            throws AuthsomeException {
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
