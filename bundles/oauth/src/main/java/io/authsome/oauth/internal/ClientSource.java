package io.authsome.oauth.internal;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.command.CommandContext;
import io.authsome.api.credential.SecretVariables;
import io.authsome.api.vault.OAuthClient;
import io.authsome.api.vault.ProfileStore;
import io.authsome.api.vault.Secret;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The OAuth client of a login: the one stored for the provider, else one the user gives now
 * (the id from {@code --client-id} or input; the secret from {@code AUTHSOME_CLIENT_SECRET},
 * else input, where an empty answer means a public client). A new client is stored.
 */
final class ClientSource {
    /** Environment variable holding an OAuth client secret. */
    static final String SECRET_ENV = SecretVariables.CLIENT_SECRET;

    private ClientSource() {
    }

    static OAuthClient obtain(ProfileStore store, String provider, String clientId, CommandContext context,
                              boolean browser) throws AuthsomeException {
        Optional<OAuthClient> stored = store.client(provider);
        String fromEnv = SecretVariables.value(SECRET_ENV).orElse(null);
        if (stored.isPresent() && (clientId == null || clientId.equals(stored.get().clientId()))) {
            if (fromEnv == null || fromEnv.isEmpty()) {
                return stored.get();
            }
            // A secret given now replaces the stored one: the usual way to correct a wrong secret.
            OAuthClient corrected = new OAuthClient(provider, stored.get().clientId(), Secret.of(fromEnv),
                    stored.get().attributes(), Instant.now());
            store.writeClient(corrected);
            return corrected;
        }
        String id = clientId != null ? clientId : context.readSecret("OAuth client id for " + provider + ": ", browser)
                .map(Secret::reveal).map(String::strip).orElseThrow(() -> new AuthsomeException(
                        ErrorCode.AUTHENTICATION_FAILED, "no OAuth client id given for " + provider,
                        "authsome login " + provider + " --client-id ID"));
        Secret secret = fromEnv != null && !fromEnv.isEmpty() ? Secret.of(fromEnv)
                : context.readSecret("OAuth client secret (empty for a public client): ", browser).orElse(null);
        OAuthClient client = new OAuthClient(provider, id, secret, Map.of("registered", "user"), Instant.now());
        store.writeClient(client);
        return client;
    }
}
