package io.authsome.store.internal.connection;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.command.CommandContext;
import io.authsome.api.credential.CredentialResolver;
import io.authsome.api.vault.ProfileStore;
import io.authsome.common.text.NextStep;

/** Which connection a command acts on: the one named with {@code --connection}, else the default. */
final class Connections {
    private Connections() {
    }

    /** The resolver a command uses: with {@code --verbose}, refresh round trips go to its diagnostics. */
    static CredentialResolver traced(CredentialResolver resolver, CommandContext context) {
        return context.verbose() ? resolver.tracing(context.diagnostics()) : resolver;
    }

    static String choose(ProfileStore store, String provider, String named) throws AuthsomeException {
        if (named != null) {
            return named;
        }
        return store.defaultConnection(provider).orElseThrow(() -> new AuthsomeException(
                ErrorCode.CONNECTION_NOT_FOUND, provider + " is not connected in profile " + store.name()
                + " (state: available)", NextStep.login(provider)));
    }
}
