package io.authsome.oauth.internal;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.config.Config;
import io.authsome.api.config.Configuration;
import io.authsome.api.login.LoginFlow;
import io.authsome.api.login.LoginRequest;
import io.authsome.api.vault.Connection;
import io.authsome.api.vault.OAuthClient;
import io.authsome.api.vault.ProfileStore;
import io.authsome.api.vault.Secret;
import io.authsome.api.vault.Vault;
import io.authsome.common.json.Json;
import io.authsome.common.text.NextStep;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The {@code dcr_pkce} flow: registers a public client with the loopback redirect URI (RFC 7591),
 * stores it, then logs in with PKCE. The registration is reused while the redirect URI stays the
 * same.
 */
@Component(property = LoginFlow.FLOW + "=dcr_pkce")
public final class DcrPkceFlow implements LoginFlow {
    static final String DYNAMIC = "dynamic";

    @Reference
    private Vault vault;

    @Reference
    private Configuration configuration;

    @Override
    public Connection login(LoginRequest request) throws AuthsomeException {
        Config config = configuration.current();
        TokenEndpoint http = Http.endpoint(request, config.http());
        String provider = request.provider().name();
        try {
            Endpoints endpoints = Endpoints.resolve(request.provider().definition().oauth(), request.baseUrl(), http);
            if (endpoints.registration() == null) {
                throw new AuthsomeException(ErrorCode.NOT_ALLOWED, provider + " has no registration endpoint",
                        NextStep.login(provider, request.scopes()) + " --flow pkce");
            }
            ProfileStore store = vault.profile(request.profile());
            String redirectUri = AuthorizationCodeLogin.redirectUri(AuthorizationCodeLogin.port(config.callback()));
            Optional<OAuthClient> known = registered(store, provider, redirectUri);
            OAuthClient client = known.isPresent() ? known.get()
                    : register(http, endpoints.registration(), provider, redirectUri, store);
            return AuthorizationCodeLogin.run(request, endpoints, client, http, config.callback());
        } catch (OAuthError e) {
            throw OAuthFailures.atLogin(e, request, null);
        }
    }

    private static Optional<OAuthClient> registered(ProfileStore store, String provider, String redirectUri)
            throws AuthsomeException {
        return store.client(provider).filter(client -> DYNAMIC.equals(client.attributes().get("registered"))
                && redirectUri.equals(client.attributes().get("redirect_uri")));
    }

    private static OAuthClient register(TokenEndpoint http, String url, String provider, String redirectUri,
                                        ProfileStore store) throws OAuthError, AuthsomeException {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("client_name", "authsome");
        metadata.put("redirect_uris", List.of(redirectUri));
        metadata.put("grant_types", List.of("authorization_code", "refresh_token"));
        metadata.put("response_types", List.of("code"));
        metadata.put("token_endpoint_auth_method", "none");
        HttpRequest request = http.request(url).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.writeLine(metadata))).build();
        Map<String, Object> answer = http.send(request, url);
        if (!(answer.get("client_id") instanceof String clientId) || clientId.isEmpty()) {
            throw new OAuthError(OAuthError.Kind.TRANSIENT, "no_client_id", url + " registered no client_id");
        }
        Secret secret = answer.get("client_secret") instanceof String s && !s.isEmpty() ? Secret.of(s) : null;
        OAuthClient client = new OAuthClient(provider, clientId, secret,
                Map.of("registered", DYNAMIC, "redirect_uri", redirectUri), Instant.now());
        store.writeClient(client);
        return client;
    }
}
