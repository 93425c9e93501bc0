package io.authsome.oauth.internal;

import io.authsome.api.AuthsomeException;
import io.authsome.api.login.LoginRequest;
import io.authsome.api.provider.OAuthSettings;
import io.authsome.api.vault.OAuthClient;
import io.authsome.api.vault.Vault;
import java.util.List;

/**
 * What a flow with a user-given client starts from: the HTTP client (traced with --verbose), the
 * provider's OAuth settings, the client, and the scopes asked for (the provider's by default).
 */
record LoginSetup(TokenEndpoint http, String provider, OAuthSettings oauth, OAuthClient client, List<String> scopes) {

    static LoginSetup prepare(LoginRequest request, Vault vault) throws AuthsomeException {
        OAuthSettings oauth = request.provider().definition().oauth();
        String provider = request.provider().name();
        OAuthClient client = ClientSource.obtain(vault.profile(request.profile()), provider, request.clientId(),
                request.context(), !request.noBrowser());
        return new LoginSetup(Http.endpoint(request.context()), provider, oauth, client,
                request.scopes().isEmpty() ? oauth.scopes() : request.scopes());
    }
}
