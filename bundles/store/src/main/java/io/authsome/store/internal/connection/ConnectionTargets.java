package io.authsome.store.internal.connection;

import io.authsome.api.AuthsomeException;
import io.authsome.api.command.CommandContext;
import io.authsome.api.credential.CredentialResolver;
import io.authsome.api.provider.Provider;
import io.authsome.api.provider.ProviderCatalog;
import io.authsome.api.vault.ProfileStore;
import io.authsome.api.vault.Vault;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The one preamble of the commands that act on stored connections ({@code get}, {@code export},
 * {@code logout}, {@code set-default}): the services they need and how a
 * {@code <provider> [--connection N]} resolves in the current profile. A service of this bundle
 * only: the commands reference it instead of the catalog, the vault and the resolver each.
 */
@Component(service = ConnectionTargets.class)
public final class ConnectionTargets {
    @Reference
    private ProviderCatalog catalog;

    @Reference
    private Vault vault;

    @Reference
    private CredentialResolver credentials;

    /** The provider named, which must exist. */
    Provider provider(String name) throws AuthsomeException {
        return catalog.require(name);
    }

    /** The store of the invocation's profile. */
    ProfileStore store(CommandContext context) throws AuthsomeException {
        return vault.profile(context.profile());
    }

    /** The provider, the store of the current profile, and the connection named or else the default. */
    ConnectionArguments.Target target(String provider, String connection, CommandContext context)
            throws AuthsomeException {
        Provider found = provider(provider);
        ProfileStore store = store(context);
        return new ConnectionArguments.Target(found, store, Connections.choose(store, found.name(), connection));
    }

    /** The resolver a command uses: with {@code --verbose}, refresh round trips go to its diagnostics. */
    CredentialResolver resolver(CommandContext context) {
        return Connections.traced(credentials, context);
    }
}
