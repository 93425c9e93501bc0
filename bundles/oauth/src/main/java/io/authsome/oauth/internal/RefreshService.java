package io.authsome.oauth.internal;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.common.text.NextStep;
import io.authsome.api.audit.AuditEvent;
import io.authsome.api.audit.AuditLog;
import io.authsome.api.config.Configuration;
import io.authsome.api.credential.CredentialResolver;
import io.authsome.api.home.HomeLayout;
import io.authsome.api.provider.OAuthSettings;
import io.authsome.api.provider.Provider;
import io.authsome.api.provider.ProviderCatalog;
import io.authsome.api.vault.Connection;
import io.authsome.api.vault.ConnectionState;
import io.authsome.api.vault.OAuthClient;
import io.authsome.api.vault.ProfileStore;
import io.authsome.api.vault.Secret;
import io.authsome.api.vault.Vault;
import io.authsome.common.home.Homes;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Refreshes OAuth access tokens before they expire, once per connection at a time in this
 * process and across processes: a caller that waited for another's refresh reads what it wrote
 * instead of presenting the refresh token again (providers that rotate refresh tokens revoke the
 * whole session when a used one comes back).
 */
@Component(service = CredentialResolver.class)
public final class RefreshService implements CredentialResolver {
    @Reference
    private Vault vault;

    @Reference
    private ProviderCatalog catalog;

    @Reference
    private AuditLog audit;

    @Reference
    private Configuration configuration;

    private HomeLayout home;
    private RefreshLock locks;

    @Activate
    void activate(BundleContext context) {
        home = Homes.layout(context);
        locks = new RefreshLock(home.root().resolve("locks"));
    }

    @Override
    public Connection resolve(String profile, String provider, String connection) throws AuthsomeException {
        return resolve(profile, provider, connection, null);
    }

    @Override
    public Connection refresh(String profile, String provider, String connection) throws AuthsomeException {
        return refresh(profile, provider, connection, null);
    }

    @Override
    public CredentialResolver tracing(PrintStream trace) {
        return new CredentialResolver() {
            @Override
            public Connection resolve(String profile, String provider, String connection) throws AuthsomeException {
                return RefreshService.this.resolve(profile, provider, connection, trace);
            }

            @Override
            public Connection refresh(String profile, String provider, String connection) throws AuthsomeException {
                return RefreshService.this.refresh(profile, provider, connection, trace);
            }
        };
    }

    private Connection resolve(String profile, String provider, String connection, PrintStream trace)
            throws AuthsomeException {
        ProfileStore store = vault.profile(profile);
        Connection current = store.read(provider, connection);
        if (current.state() == ConnectionState.INVALID) {
            String reason = current.attributes().get("last_error");
            throw new AuthsomeException(ErrorCode.CREDENTIAL_UNAVAILABLE, "connection " + current.id() + " is invalid: "
                    + provider + " rejected " + (NextStep.rejectsClient(reason) ? "its OAuth client "
                    + current.attributes().getOrDefault(Connection.CLIENT_ID, "") + " (" : "it (")
                    + (reason == null ? "rejected" : reason) + ")",
                    NextStep.forState(provider, ConnectionState.INVALID, reason));
        }
        if (!due(current, Instant.now())) {
            return current;
        }
        return locks.withLock(profile, provider, connection, () -> {
            Connection latest = store.read(provider, connection);
            return due(latest, Instant.now()) ? renew(store, latest, trace) : latest;
        });
    }

    private Connection refresh(String profile, String provider, String connection, PrintStream trace)
            throws AuthsomeException {
        ProfileStore store = vault.profile(profile);
        Instant asked = Instant.now();
        return locks.withLock(profile, provider, connection, () -> {
            Connection latest = store.read(provider, connection);
            // Renewed by someone else while this caller waited: that is the refresh it asked for.
            return TokenConnections.issuedAt(latest).isAfter(asked) ? latest : renew(store, latest, trace);
        });
    }

    /**
     * Whether the access token is within the lead time of its expiry: {@code refresh.lead_seconds}
     * or half its lifetime, whichever is shorter, so a short-lived token is not renewed on every use.
     */
    boolean due(Connection connection, Instant now) {
        if (connection.expiresAt() == null || !connection.secrets().containsKey(TokenConnections.ACCESS_TOKEN)) {
            return false;
        }
        if (!connection.renewable()) {
            // Nothing to renew with: the token serves until it expires, then a login is needed.
            return !now.isBefore(connection.expiresAt());
        }
        long lead = configuration.current().refresh().leadSeconds();
        Duration lifetime = Duration.between(TokenConnections.issuedAt(connection), connection.expiresAt());
        Duration window = Duration.ofSeconds(Math.min(lead, Math.max(0, lifetime.toSeconds() / 2)));
        return !now.isBefore(connection.expiresAt().minus(window));
    }

    private Connection renew(ProfileStore store, Connection old, PrintStream trace) throws AuthsomeException {
        if (!old.renewable()) {
            throw new AuthsomeException(ErrorCode.CREDENTIAL_UNAVAILABLE, "the access token of " + old.id()
                    + " expired and the provider gave no refresh token", "authsome login " + old.provider() + " --force");
        }
        Provider provider = catalog.find(old.provider()).orElseThrow(() -> new AuthsomeException(
                ErrorCode.PROVIDER_NOT_FOUND, "provider '" + old.provider() + "' of connection " + old.id()
                + " is no longer installed", "authsome list"));
        OAuthSettings oauth = provider.definition().oauth();
        TokenEndpoint http = trace == null ? Http.endpoint(configuration.current().http())
                : Http.endpoint(configuration.current().http()).tracing(trace);
        OAuthClient client = ConnectionClients.of(store, old);
        try {
            Endpoints endpoints = Endpoints.resolve(oauth, old.attributes().get("base_url"), http);
            TokenResponse tokens = http.grant(endpoints.token(), form(old), client, oauth);
            Connection renewed = store.update(old.provider(), old.name(),
                    current -> TokenConnections.refreshed(current, tokens, Instant.now()));
            audit.record(AuditEvent.of("refresh", store.name(), old.provider(), old.name(), AuditEvent.SUCCESS));
            return renewed;
        } catch (OAuthError e) {
            return failed(store, old, client, e);
        }
    }

    private static Map<String, String> form(Connection old) throws OAuthError {
        if ("client_credentials".equals(old.attributes().get("flow"))) {
            String scopes = old.attributes().getOrDefault("scopes", "");
            return ClientCredentials.form(scopes.isBlank() ? List.of() : Arrays.asList(scopes.split(" ")));
        }
        Secret refresh = old.secrets().get(TokenConnections.REFRESH_TOKEN);
        if (refresh == null) {
            throw new OAuthError(OAuthError.Kind.REJECTED_GRANT, "no_refresh_token",
                    "the connection holds no refresh token");
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refresh.reveal());
        return form;
    }

    /**
     * A rejected grant or client makes the connection {@code invalid} (a new login is needed);
     * anything else leaves the token as it is, {@code expired} once it is past its expiry, and
     * is retried on the next use.
     */
    private Connection failed(ProfileStore store, Connection old, OAuthClient client, OAuthError e)
            throws AuthsomeException {
        boolean rejected = e.kind() == OAuthError.Kind.REJECTED_GRANT || e.kind() == OAuthError.Kind.REJECTED_CLIENT;
        boolean pastExpiry = old.expiresAt() != null && !Instant.now().isBefore(old.expiresAt());
        ConnectionState state = rejected ? ConnectionState.INVALID
                : pastExpiry ? ConnectionState.EXPIRED : old.state();
        store.update(old.provider(), old.name(), current -> TokenConnections.failed(current, state, e.error(), Instant.now()));
        audit.record(AuditEvent.of("refresh_failed", store.name(), old.provider(), old.name(), AuditEvent.FAILURE)
                .with("reason", e.error()).with("state", state.id()));
        if (rejected) {
            String what = e.kind() == OAuthError.Kind.REJECTED_CLIENT && client != null
                    ? "the OAuth client " + client.clientId() + " at the refresh" : "the refresh";
            throw new AuthsomeException(ErrorCode.CREDENTIAL_UNAVAILABLE, old.provider() + " rejected " + what
                    + " of connection " + old.name() + ": " + e.getMessage(), NextStep.rejected(old.provider(), e.error()));
        }
        if (pastExpiry) {
            throw new AuthsomeException(ErrorCode.CREDENTIAL_UNAVAILABLE, "the token of " + old.id()
                    + " expired and could not be refreshed: " + e.getMessage() + "; the state stays expired, not"
                    + " invalid", "try again; it is retried on every use");
        }
        return old;
    }
}
