package io.authsome.store.internal.credential;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.audit.AuditEvent;
import io.authsome.api.audit.AuditLog;
import io.authsome.api.config.Configuration;
import io.authsome.api.credential.CredentialResolver;
import io.authsome.api.credential.TokenRenewer;
import io.authsome.api.plugin.TokenMinter;
import io.authsome.api.provider.AuthType;
import io.authsome.api.provider.Provider;
import io.authsome.api.provider.ProviderCatalog;
import io.authsome.api.vault.Connection;
import io.authsome.api.vault.ConnectionState;
import io.authsome.api.vault.OAuthClient;
import io.authsome.api.vault.ProfileStore;
import io.authsome.common.connection.ConnectionClients;
import io.authsome.common.plugin.Plugins;
import io.authsome.common.text.NextStep;
import io.authsome.store.internal.VaultComponent;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Hands out stored connections ready to use. An API key is read and returned; an OAuth access
 * token that is due ({@link RefreshDecision}) is renewed first, once per connection at a time in
 * this process and across processes: under the connection's refresh lock, which the store
 * backend holds for every runtime that shares it ({@link VaultComponent#withRefreshLock}), the record is
 * read again, and only if it is still due is the {@link TokenRenewer} of the OAuth bundle asked
 * for new tokens (for a plugin provider, its {@link TokenMinter} through {@link Minting}), which are
 * saved and audited here. A caller that waited for another's refresh
 * reads what it wrote instead of presenting the refresh token again (providers that rotate
 * refresh tokens revoke the whole session when a used one comes back).
 * <p>
 * Also registered under its own class, for {@link BackgroundRefresh} of this bundle: the daemon's
 * background refresh must go through this instance, whose locks single-flight the refreshes of
 * this process (two file locks on one file in one JVM would not exclude each other).
 */
@Component(service = {CredentialResolver.class, StoreCredentialResolver.class})
public final class StoreCredentialResolver implements CredentialResolver {
    /** The audit detail {@code by} of a refresh that {@link BackgroundRefresh} made. */
    static final String BACKGROUND = "background";

    /** What {@link #renewIfDue} did. */
    enum Outcome {
        /** New tokens were saved. */
        RENEWED,
        /** The renewal failed for a reason that may pass; the token still serves and is unchanged. */
        KEPT,
        /** Nothing to do: not due once the lock was held (renewed meanwhile), invalid, or not renewable. */
        NOT_DUE
    }

    @Reference
    private VaultComponent vault;

    @Reference
    private ProviderCatalog catalog;

    @Reference
    private AuditLog audit;

    /** Absent while the OAuth bundle is not running: API keys and fresh tokens are still handed out. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile TokenRenewer renewer;

    @Reference
    private Configuration configuration;

    private final Plugins<TokenMinter> minters = new Plugins<>();
    /** The threads of this process that find one token due share one renewal. */
    private final SingleFlight<Connection> dueRenewals = new SingleFlight<>();
    private final Minting minting = new Minting(minters);

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addMinter(TokenMinter minter, Map<String, Object> properties) {
        minters.add(minter, properties);
    }

    void removeMinter(TokenMinter minter, Map<String, Object> properties) {
        minters.remove(minter, properties);
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
        return dueRenewals.run(profile + "/" + provider + "/" + connection,
                () -> vault.withRefreshLock(profile, provider, connection, () -> {
                    Connection latest = store.read(provider, connection);
                    return due(latest, Instant.now()) ? renew(store, latest, trace, null) : latest;
                }));
    }

    private Connection refresh(String profile, String provider, String connection, PrintStream trace)
            throws AuthsomeException {
        ProfileStore store = vault.profile(profile);
        Instant asked = Instant.now();
        return vault.withRefreshLock(profile, provider, connection, () -> {
            Connection latest = store.read(provider, connection);
            // Renewed by someone else while this caller waited: that is the refresh it asked for.
            return TokenRecords.issuedAt(latest).isAfter(asked) ? latest : renew(store, latest, trace, null);
        });
    }

    /**
     * Renews the token of one connection if it is due, for {@link BackgroundRefresh}, on the path
     * of {@link #resolve}: the connection's lock, the record read again under it, the save, the
     * marking of a failure and the audit, whose events say {@code by: background}.
     *
     * @throws AuthsomeException as {@link #resolve}: the provider rejected the refresh (the
     *                           connection is now {@code invalid}), a transient failure past the
     *                           token's expiry (now {@code expired}), the provider or the OAuth
     *                           bundle is missing, the lock is busy
     */
    Outcome renewIfDue(String profile, String provider, String connection) throws AuthsomeException {
        ProfileStore store = vault.profile(profile);
        return vault.withRefreshLock(profile, provider, connection, () -> {
            Connection latest = store.read(provider, connection);
            if (latest.state() == ConnectionState.INVALID || !latest.renewable() || !due(latest, Instant.now())) {
                return Outcome.NOT_DUE;
            }
            // failed() hands back the very record it was given when the token still serves.
            return renew(store, latest, null, BACKGROUND) == latest ? Outcome.KEPT : Outcome.RENEWED;
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

    /**
     * Asks the renewer for new tokens and saves them, or marks the failure; {@code by} names who
     * refreshed in the audit ({@link #BACKGROUND}), {@code null} for the caller's own use.
     */
    private Connection renew(ProfileStore store, Connection old, PrintStream trace, String by)
            throws AuthsomeException {
        if (!old.renewable()) {
            throw new AuthsomeException(ErrorCode.CREDENTIAL_UNAVAILABLE, "the access token of " + old.id()
                    + " expired and the provider gave no refresh token", "authsome login " + old.provider() + " --force");
        }
        Provider provider = catalog.find(old.provider()).orElseThrow(() -> new AuthsomeException(
                ErrorCode.PROVIDER_NOT_FOUND, "provider '" + old.provider() + "' of connection " + old.id()
                + " is no longer installed", "authsome list"));
        if (provider.definition().authType() == AuthType.PLUGIN) {
            TokenRenewer.Renewal renewal = minting.renew(provider, old, configuration.current().http(), trace);
            return renewal.succeeded() ? saved(store, old, renewal, by) : failed(store, old, null, renewal, by);
        }
        TokenRenewer current = renewer;
        if (current == null) {
            throw new AuthsomeException(ErrorCode.RUNTIME_UNAVAILABLE, "the token of " + old.id()
                    + " is due for renewal and the OAuth bundle is not running", "authsome bundles");
        }
        OAuthClient client = ConnectionClients.of(store, old);
        TokenRenewer.Renewal renewal = current.renew(provider, old, client, trace);
        if (!renewal.succeeded()) {
            return failed(store, old, client, renewal, by);
        }
        return saved(store, old, renewal, by);
    }

    private Connection saved(ProfileStore store, Connection old, TokenRenewer.Renewal renewal, String by)
            throws AuthsomeException {
        Connection renewed = store.update(old.provider(), old.name(),
                latest -> TokenRecords.refreshed(latest, renewal.tokens(), Instant.now()));
        audit.record(by(AuditEvent.of("refresh", store.name(), old.provider(), old.name(), AuditEvent.SUCCESS), by));
        return renewed;
    }

    /**
     * A rejected grant or client makes the connection {@code invalid} (a new login is needed);
     * anything else leaves the token as it is, {@code expired} once it is past its expiry, and
     * is retried on the next use.
     */
    private Connection failed(ProfileStore store, Connection old, OAuthClient client, TokenRenewer.Renewal e,
                              String by) throws AuthsomeException {
        boolean rejected = e.failure() != TokenRenewer.Failure.TRANSIENT;
        boolean pastExpiry = old.expiresAt() != null && !Instant.now().isBefore(old.expiresAt());
        ConnectionState state = rejected ? ConnectionState.INVALID
                : pastExpiry ? ConnectionState.EXPIRED : old.state();
        store.update(old.provider(), old.name(), current -> TokenRecords.failed(current, state, e.error(), Instant.now()));
        audit.record(by(AuditEvent.of("refresh_failed", store.name(), old.provider(), old.name(), AuditEvent.FAILURE)
                .with("reason", e.error()).with("state", state.id()), by));
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

    /** {@code event} with the detail {@code by}, unless it is the caller's own refresh (the events as before). */
    private static AuditEvent by(AuditEvent event, String by) {
        return by == null ? event : event.with("by", by);
    }
}
