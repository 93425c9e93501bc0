package io.authsome.store.internal.credential;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.audit.AuditEvent;
import io.authsome.api.audit.AuditLog;
import io.authsome.api.config.Configuration;
import io.authsome.api.credential.CredentialResolver;
import io.authsome.api.credential.TokenRenewer;
import io.authsome.api.home.HomeLayout;
import io.authsome.api.provider.Provider;
import io.authsome.api.provider.ProviderCatalog;
import io.authsome.api.vault.Connection;
import io.authsome.api.vault.ConnectionState;
import io.authsome.api.vault.OAuthClient;
import io.authsome.api.vault.ProfileStore;
import io.authsome.api.vault.Vault;
import io.authsome.common.connection.ConnectionClients;
import io.authsome.common.home.Homes;
import io.authsome.common.text.NextStep;
import java.io.PrintStream;
import java.time.Instant;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Hands out stored connections ready to use. An API key is read and returned; an OAuth access
 * token that is due ({@link RefreshDecision}) is renewed first, once per connection at a time in
 * this process and across processes: under the connection's {@link RefreshLock} the record is
 * read again, and only if it is still due is the {@link TokenRenewer} of the OAuth bundle asked
 * for new tokens, which are saved and audited here. A caller that waited for another's refresh
 * reads what it wrote instead of presenting the refresh token again (providers that rotate
 * refresh tokens revoke the whole session when a used one comes back).
 */
@Component(service = CredentialResolver.class)
public final class StoreCredentialResolver implements CredentialResolver {

    @Reference
    private Vault vault;

    @Reference
    private ProviderCatalog catalog;

    @Reference
    private AuditLog audit;

    /** Absent while the OAuth bundle is not running: API keys and fresh tokens are still handed out. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile TokenRenewer renewer;

    @Reference
    private Configuration configuration;

    private RefreshLock locks;

    @Activate
    void activate(BundleContext context) {
        activate(Homes.layout(context));
    }

    void activate(HomeLayout home) {
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
                return StoreCredentialResolver.this.resolve(profile, provider, connection, trace);
            }

            @Override
            public Connection refresh(String profile, String provider, String connection) throws AuthsomeException {
                return StoreCredentialResolver.this.refresh(profile, provider, connection, trace);
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
            return TokenRecords.issuedAt(latest).isAfter(asked) ? latest : renew(store, latest, trace);
        });
    }

    /** Whether the access token is due for renewal, with the lead time of the home's configuration. */
    private boolean due(Connection connection, Instant now) {
        if (connection.expiresAt() == null) {
            return false;
        }
        long lead = configuration.current().refresh().leadSeconds();
        return RefreshDecision.due(connection, now, lead);
    }

    private Connection renew(ProfileStore store, Connection old, PrintStream trace) throws AuthsomeException {
        if (!old.renewable()) {
            throw new AuthsomeException(ErrorCode.CREDENTIAL_UNAVAILABLE, "the access token of " + old.id()
                    + " expired and the provider gave no refresh token", "authsome login " + old.provider() + " --force");
        }
        Provider provider = catalog.find(old.provider()).orElseThrow(() -> new AuthsomeException(
                ErrorCode.PROVIDER_NOT_FOUND, "provider '" + old.provider() + "' of connection " + old.id()
                + " is no longer installed", "authsome list"));
        TokenRenewer current = renewer;
        if (current == null) {
            throw new AuthsomeException(ErrorCode.RUNTIME_UNAVAILABLE, "the token of " + old.id()
                    + " is due for renewal and the OAuth bundle is not running", "authsome bundles");
        }
        OAuthClient client = ConnectionClients.of(store, old);
        TokenRenewer.Renewal renewal = current.renew(provider, old, client, trace);
        if (!renewal.succeeded()) {
            return failed(store, old, client, renewal);
        }
        Connection renewed = store.update(old.provider(), old.name(),
                latest -> TokenRecords.refreshed(latest, renewal.tokens(), Instant.now()));
        audit.record(AuditEvent.of("refresh", store.name(), old.provider(), old.name(), AuditEvent.SUCCESS));
        return renewed;
    }

    /**
     * A rejected grant or client makes the connection {@code invalid} (a new login is needed);
     * anything else leaves the token as it is, {@code expired} once it is past its expiry, and
     * is retried on the next use.
     */
    private Connection failed(ProfileStore store, Connection old, OAuthClient client, TokenRenewer.Renewal e)
            throws AuthsomeException {
        boolean rejected = e.failure() != TokenRenewer.Failure.TRANSIENT;
        boolean pastExpiry = old.expiresAt() != null && !Instant.now().isBefore(old.expiresAt());
        ConnectionState state = rejected ? ConnectionState.INVALID
                : pastExpiry ? ConnectionState.EXPIRED : old.state();
        store.update(old.provider(), old.name(), current -> TokenRecords.failed(current, state, e.error(), Instant.now()));
        audit.record(AuditEvent.of("refresh_failed", store.name(), old.provider(), old.name(), AuditEvent.FAILURE)
                .with("reason", e.error()).with("state", state.id()));
        if (rejected) {
            String what = e.failure() == TokenRenewer.Failure.REJECTED_CLIENT && client != null
                    ? "the OAuth client " + client.clientId() + " at the refresh" : "the refresh";
            throw new AuthsomeException(ErrorCode.CREDENTIAL_UNAVAILABLE, old.provider() + " rejected " + what
                    + " of connection " + old.name() + ": " + e.message(), NextStep.rejected(old.provider(), e.error()));
        }
        if (pastExpiry) {
            throw new AuthsomeException(ErrorCode.CREDENTIAL_UNAVAILABLE, "the token of " + old.id()
                    + " expired and could not be refreshed: " + e.message() + "; the state stays expired, not"
                    + " invalid", "try again; it is retried on every use");
        }
        return old;
    }
}
