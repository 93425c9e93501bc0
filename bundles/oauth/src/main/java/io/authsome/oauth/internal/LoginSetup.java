package io.authsome.oauth.internal;

import io.authsome.api.AuthsomeException;
import io.authsome.api.config.Config;
import io.authsome.api.login.LoginRequest;
import io.authsome.api.provider.Flow;
import io.authsome.api.provider.OAuthSettings;
import io.authsome.api.vault.Connection;
import io.authsome.api.vault.OAuthClient;
import io.authsome.api.vault.ProfileStore;
import io.authsome.api.vault.Vault;
import java.util.List;

/**
 * What a flow with a user-given client starts from: the HTTP client (traced with --verbose), the
 * provider's OAuth settings, the client, and the scopes asked for (the provider's by default).
 */
record LoginSetup(TokenEndpoint http, String provider, OAuthSettings oauth, ClientSource.Chosen chosen,
                  ProfileStore store, List<String> scopes) {

    static LoginSetup prepare(LoginRequest request, Vault vault, Flow flow, Config config) throws AuthsomeException {
        OAuthSettings oauth = request.provider().definition().oauth();
        ProfileStore store = vault.profile(request.profile());
        return new LoginSetup(Http.endpoint(request, config.http()), request.provider().name(), oauth,
                ClientSource.obtain(store, request, flow, config.callback()), store,
                request.scopes().isEmpty() ? oauth.scopes() : request.scopes());
    }

    OAuthClient client() {
        return chosen.client();
    }

    /** The connection of a login that succeeded, after storing the client given during it. */
    Connection succeeded(Connection connection) throws AuthsomeException {
        chosen.storeAfterSuccess(store);
        return connection;
    }
}
