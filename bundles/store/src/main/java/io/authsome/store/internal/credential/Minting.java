package io.authsome.store.internal.credential;

import io.authsome.api.AuthsomeException;
import io.authsome.api.config.HttpConfig;
import io.authsome.api.credential.TokenRenewer;
import io.authsome.api.plugin.MintException;
import io.authsome.api.plugin.MintedToken;
import io.authsome.api.plugin.TokenMinter;
import io.authsome.api.provider.Provider;
import io.authsome.api.vault.Connection;
import io.authsome.common.plugin.Plugins;
import io.authsome.common.plugin.RuntimeMintContext;
import io.authsome.common.plugin.StoredFields;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;

/**
 * Renews the token of a plugin connection by minting a new one from its stored fields: the
 * {@link TokenMinter} its provider names answers in place of the OAuth token endpoint, and its
 * answer is saved and audited as a refresh is. Thread-safe.
 */
final class Minting {
    private final Plugins<TokenMinter> minters;

    Minting(Plugins<TokenMinter> minters) {
        this.minters = minters;
    }

    /** A new token for {@code connection}, or why there is none. */
    TokenRenewer.Renewal renew(Provider provider, Connection connection, HttpConfig http, PrintStream trace)
            throws AuthsomeException {
        TokenMinter minter = minters.require(provider);
        try {
            MintedToken token = minter.mint(StoredFields.of(connection, minter),
                    RuntimeMintContext.of(http, connection.attributes(), trace));
            long lifetime = Math.max(0, Duration.between(Instant.now(), token.expiresAt()).toSeconds());
            return TokenRenewer.Renewal.renewed(new TokenRenewer.Tokens(token.token(), null, lifetime, token.scope()));
        } catch (MintException e) {
            return TokenRenewer.Renewal.failed(e.rejected() ? TokenRenewer.Failure.REJECTED_GRANT
                    : TokenRenewer.Failure.TRANSIENT, e.error(), e.getMessage());
        } catch (RuntimeException e) {
            // a plugin's bug fails this renewal, not the runtime; its message may not be fit to show
            return TokenRenewer.Renewal.failed(TokenRenewer.Failure.TRANSIENT, "plugin_error", "the plugin '"
                    + provider.definition().injector() + "' failed (" + e.getClass().getSimpleName() + ")");
        }
    }
}
