package io.authsome.oauth.internal.login;

import io.authsome.api.provider.AuthType;
import io.authsome.api.provider.Provider;
import io.authsome.api.vault.ConnectionInfo;
import java.util.Arrays;
import java.util.List;

/**
 * {@code login <p> --scopes a,b} over an existing OAuth connection whose granted scopes lack some
 * of those asked: the 403 fix, which re-authorizes without {@code --force}, replaces the
 * connection when the new tokens arrive, then revokes the old ones.
 *
 * @param connection the connection it replaces
 * @param granted    the scopes the connection holds
 * @param missing    the scopes asked for that it does not hold
 */
record ScopeUpgrade(String connection, List<String> granted, List<String> missing) {
    /** The upgrade {@code asked} calls for on {@code existing}, or {@code null} when it holds them all (or is no OAuth connection). */
    static ScopeUpgrade of(Provider provider, ConnectionInfo existing, List<String> asked) {
        if (provider.definition().authType() != AuthType.OAUTH2 || asked.isEmpty()) {
            return null;
        }
        String scopes = existing.attributes().getOrDefault("scopes", "");
        List<String> granted = Arrays.stream(scopes.split(" ")).filter(s -> !s.isBlank()).toList();
        List<String> missing = asked.stream().filter(scope -> !granted.contains(scope)).toList();
        return missing.isEmpty() ? null : new ScopeUpgrade(existing.name(), granted, missing);
    }

    String describe() {
        return "connection '" + connection + "' holds " + (granted.isEmpty() ? "no scope" : String.join(" ", granted))
                + " but not " + String.join(" ", missing) + ": logging in again to replace it";
    }
}
