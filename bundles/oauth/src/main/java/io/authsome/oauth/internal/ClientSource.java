package io.authsome.oauth.internal;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.config.CallbackConfig;
import io.authsome.api.credential.SecretVariables;
import io.authsome.api.login.LoginFailure;
import io.authsome.api.login.LoginRequest;
import io.authsome.api.provider.Flow;
import io.authsome.api.vault.OAuthClient;
import io.authsome.api.vault.ProfileStore;
import io.authsome.api.vault.Secret;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The OAuth client of a login: the one stored for the provider, else one the user gives now
 * (the id from {@code --client-id} or input; the secret from {@code AUTHSOME_CLIENT_SECRET},
 * else input, where an empty answer means a public client). A client given now is stored only
 * once the login succeeds, so a wrong one is not used again by the next login.
 */
final class ClientSource {
    /** Environment variable holding an OAuth client secret. */
    static final String SECRET_ENV = SecretVariables.CLIENT_SECRET;

    /**
     * The client a login uses.
     *
     * @param client the client
     * @param given  whether it was given (or its secret corrected) during this login, so is not stored yet
     */
    record Chosen(OAuthClient client, boolean given) {
        /** Stores a client given during this login: call once the provider has issued the tokens. */
        void storeAfterSuccess(ProfileStore store) throws AuthsomeException {
            if (given) {
                store.writeClient(client);
            }
        }
    }

    private ClientSource() {
    }

    static Chosen obtain(ProfileStore store, LoginRequest request, Flow flow, CallbackConfig callback)
            throws AuthsomeException {
        String provider = request.provider().name();
        String clientId = request.clientId();
        boolean browser = !request.noBrowser();
        Optional<OAuthClient> stored = store.client(provider);
        Secret fromEnv = request.interaction().secretVariable(SECRET_ENV).filter(s -> !s.isEmpty()).orElse(null);
        if (stored.isPresent() && (clientId == null || clientId.equals(stored.get().clientId()))) {
            if (fromEnv == null) {
                return new Chosen(stored.get(), false);
            }
            // A secret given now replaces the stored one: the usual way to correct a wrong secret.
            return new Chosen(new OAuthClient(provider, stored.get().clientId(), fromEnv,
                    stored.get().attributes(), Instant.now()), true);
        }
        if (clientId == null && stored.isEmpty() && request.interaction().attended()) {
            request.interaction().tell(ClientGuide.describe(request, flow, callback));
        }
        String id = clientId != null ? clientId : request.interaction()
                .askSecret("OAuth client id for " + provider + ": ", browser)
                .map(Secret::reveal).map(String::strip).filter(s -> !s.isEmpty()).orElse(null);
        if (id == null) {
            throw new LoginFailure(LoginFailure.Reason.NO_CLIENT, ErrorCode.AUTHENTICATION_FAILED,
                    "no OAuth client id given for " + provider + ", and none is stored. " + ClientGuide.describe(request, flow, callback),
                    ClientGuide.nextStep(request));
        }
        Secret secret = fromEnv != null ? fromEnv
                : request.interaction().askSecret("OAuth client secret (empty for a public client): ", browser).orElse(null);
        return new Chosen(new OAuthClient(provider, id, secret, Map.of("registered", "user"), Instant.now()), true);
    }
}
