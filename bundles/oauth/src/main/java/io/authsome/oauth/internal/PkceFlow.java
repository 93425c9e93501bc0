package io.authsome.oauth.internal;

import io.authsome.api.AuthsomeException;
import io.authsome.api.config.Config;
import io.authsome.api.config.Configuration;
import io.authsome.api.login.LoginFlow;
import io.authsome.api.login.LoginRequest;
import io.authsome.api.provider.Flow;
import io.authsome.api.vault.Connection;
import io.authsome.api.vault.ProfileStore;
import io.authsome.api.vault.Vault;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The {@code pkce} flow: authorization code with PKCE in a browser, with a client the user gives once
 * (stored when the login succeeds). */
@Component(property = LoginFlow.FLOW + "=pkce")
public final class PkceFlow implements LoginFlow {
    @Reference
    private Vault vault;

    @Reference
    private Configuration configuration;

    @Override
    public Connection login(LoginRequest request) throws AuthsomeException {
        Config config = configuration.current();
        TokenEndpoint http = Http.endpoint(request, config.http());
        String provider = request.provider().name();
        Endpoints endpoints;
        try {
            endpoints = Endpoints.resolve(request.provider().definition().oauth(), request.baseUrl(), http);
        } catch (OAuthError e) {
            throw OAuthFailures.atLogin(e, request, null);
        }
        ProfileStore store = vault.profile(request.profile());
        ClientSource.Chosen client = ClientSource.obtain(store, request, Flow.PKCE, config.callback());
        Connection connection = AuthorizationCodeLogin.run(request, endpoints, client.client(), http, config.callback());
        client.storeAfterSuccess(store);
        return connection;
    }
}
