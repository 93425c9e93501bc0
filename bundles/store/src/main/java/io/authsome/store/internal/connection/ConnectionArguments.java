package io.authsome.store.internal.connection;

import io.authsome.api.AuthsomeException;
import io.authsome.api.command.CommandContext;
import io.authsome.api.provider.Provider;
import io.authsome.api.vault.ProfileStore;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code <provider> [--connection N]}, shared by the commands that act on one stored connection,
 * and how it resolves: the provider must exist, the connection is the named one or the default.
 */
final class ConnectionArguments {
    /** What a command acts on. */
    record Target(Provider provider, ProfileStore store, String connection) {
    }

    @Parameters(index = "0", paramLabel = "<provider>", description = "Provider name.")
    String provider;

    @Option(names = "--connection", paramLabel = "NAME", description = "Connection (default: the provider's default).")
    String connection;

    Target resolve(ConnectionTargets targets, CommandContext context) throws AuthsomeException {
        return targets.target(provider, connection, context);
    }
}
