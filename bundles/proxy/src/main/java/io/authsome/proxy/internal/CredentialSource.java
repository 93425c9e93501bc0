package io.authsome.proxy.internal;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.credential.CredentialResolver;
import io.authsome.api.plugin.ConnectionFields;
import io.authsome.api.plugin.CredentialInjector;
import io.authsome.api.provider.AuthType;
import io.authsome.api.provider.HeaderInjection;
import io.authsome.api.provider.Provider;
import io.authsome.api.vault.Connection;
import io.authsome.api.vault.Secret;
import io.authsome.common.plugin.Plugins;
import io.authsome.common.plugin.StoredFields;
import io.authsome.common.text.NextStep;

/**
 * The header a routed request carries, read from the vault on every request through the
 * credential resolver, so a connection changed by another process (a login, a refresh, a revoke)
 * is used at once, and a token close to expiry is refreshed first. Thread-safe.
 */
final class CredentialSource {
    /** What a routed request carries: a header, or whatever a plugin's injector sets. */
    sealed interface Credential permits Header, Signer {
    }

    /** A header to inject. {@link #toString()} hides the value. */
    record Header(String name, String value) implements Credential {
        @Override
        public String toString() {
            return "Header[" + name + ": redacted]";
        }
    }

    /**
     * A plugin's injector and the fields of the connection it injects. {@link #toString()} names
     * the connection only.
     */
    record Signer(CredentialInjector injector, ConnectionFields fields) implements Credential {
        @Override
        public String toString() {
            return "Signer[" + fields.connection() + "]";
        }
    }

    private final CredentialResolver resolver;
    private final Injectors injectors;
    private final String profile;

    CredentialSource(CredentialResolver resolver, Injectors injectors, String profile) {
        this.resolver = resolver;
        this.injectors = injectors;
        this.profile = profile;
    }

    String profile() {
        return profile;
    }

    /**
     * The credential of {@code target}'s connection as it is now: the header of its key or token,
     * or, for a plugin provider whose plugin injects, the injector and the connection's fields.
     */
    Credential credential(RouteTable.Target target) throws AuthsomeException {
        if (target.connection() == null) {
            throw new AuthsomeException(ErrorCode.CREDENTIAL_UNAVAILABLE, target.provider().name()
                    + " has an OAuth client but no login yet", "authsome login " + target.provider().name());
        }
        Connection connection = resolver.resolve(profile, target.provider().name(), target.connection());
        Provider provider = target.provider();
        if (provider.definition().authType() == AuthType.PLUGIN
                && !connection.attributes().containsKey(Connection.MINTED_BY)) {
            CredentialInjector injector = injectors.find(provider.definition().injector())
                    .orElseThrow(() -> Plugins.missing(provider));
            return new Signer(injector, StoredFields.of(connection, injector));
        }
        return header(target, connection);
    }

    /** The header for {@code target}'s connection as it is now. */
    Header header(RouteTable.Target target) throws AuthsomeException {
        Credential credential = credential(target);
        if (credential instanceof Header header) {
            return header;
        }
        throw new IllegalStateException(target.provider().name() + " is injected by its plugin, not with a header");
    }

    /**
     * The header to retry with after the API answered {@code rejected} with 401: the stored
     * credential when another process already replaced it, else a refreshed one.
     */
    Header renewed(RouteTable.Target target, Header rejected) throws AuthsomeException {
        Header current = header(target);
        if (!current.value().equals(rejected.value())) {
            return current;
        }
        return header(target, resolver.refresh(profile, target.provider().name(), target.connection()));
    }

    /** The scopes granted to {@code target}'s connection (space-separated), or {@code null} when unknown. */
    String grantedScopes(RouteTable.Target target) {
        try {
            return resolver.resolve(profile, target.provider().name(), target.connection()).attributes().get("scopes");
        } catch (AuthsomeException e) {
            return null;
        }
    }

    private static Header header(RouteTable.Target target, Connection connection) throws AuthsomeException {
        Secret credential = connection.credential().orElseThrow(() -> new AuthsomeException(
                ErrorCode.CREDENTIAL_UNAVAILABLE, "connection " + connection.id() + " holds no credential (state: "
                + connection.state().id() + ")", NextStep.login(connection.provider())));
        HeaderInjection injection = target.provider().definition().injection();
        String value = injection.value(credential.reveal());
        if (value.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
            // A line break would end the header and let the credential write the rest of the request.
            throw new AuthsomeException(ErrorCode.CREDENTIAL_UNAVAILABLE, "the credential of " + connection.id()
                    + " holds a control character and cannot be sent in a header",
                    "authsome login " + connection.provider() + " --connection " + connection.name() + " --force");
        }
        return new Header(injection.name(), value);
    }
}
