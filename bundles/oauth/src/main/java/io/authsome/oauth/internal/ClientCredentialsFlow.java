package io.authsome.oauth.internal;

import io.authsome.api.AuthsomeException;
import io.authsome.api.config.Configuration;
import io.authsome.api.login.LoginFlow;
import io.authsome.api.login.LoginRequest;
import io.authsome.api.provider.Flow;
import io.authsome.api.vault.Connection;
import io.authsome.api.vault.Vault;
import java.time.Instant;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The {@code client_credentials} flow for service accounts: the client's own token; "refreshing"
 * it asks for a new one.
 */
@Component(property = LoginFlow.FLOW + "=client_credentials")
public final class ClientCredentialsFlow implements LoginFlow {
    @Reference
    private Vault vault;

    @Reference
    private Configuration configuration;

    @Override
    public Connection login(LoginRequest request) throws AuthsomeException {
        LoginSetup setup = LoginSetup.prepare(request, vault, Flow.CLIENT_CREDENTIALS, configuration.current());
        TokenEndpoint http = setup.http();
        String provider = setup.provider();
        try {
            Endpoints endpoints = Endpoints.resolve(setup.oauth(), request.baseUrl(), http);
            TokenResponse tokens = http.grant(endpoints.token(), ClientCredentials.form(setup.scopes()), setup.client(),
                    setup.oauth());
            return setup.succeeded(TokenConnections.login(provider, request.connection(), tokens, setup.scopes(),
                    request.baseUrl(), setup.client(), Instant.now()).withAttributes(
                    java.util.Map.of("flow", "client_credentials"), Instant.now()));
        } catch (OAuthError e) {
            throw OAuthFailures.atLogin(e, request, setup.client());
        }
    }
}
