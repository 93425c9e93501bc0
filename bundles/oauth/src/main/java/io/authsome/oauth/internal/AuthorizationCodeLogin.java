package io.authsome.oauth.internal;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.config.CallbackConfig;
import io.authsome.api.login.LoginInteraction;
import io.authsome.api.login.LoginRequest;
import io.authsome.api.provider.OAuthSettings;
import io.authsome.api.vault.Connection;
import io.authsome.api.vault.OAuthClient;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The authorization code grant with PKCE (S256) and a loopback redirect: the part that the
 * {@code pkce} and {@code dcr_pkce} flows share once they have a client.
 */
final class AuthorizationCodeLogin {
    private AuthorizationCodeLogin() {
    }

    /** The callback port from {@code callback.port} in config.json (default {@value CallbackConfig#DEFAULT_PORT}). */
    static int port(CallbackConfig callback) throws AuthsomeException {
        return callback.port().require();
    }

    /** The redirect URI of the loopback callback on {@code port}. */
    static String redirectUri(int port) {
        return "http://127.0.0.1:" + port + LoopbackCallback.PATH;
    }

    static Connection run(LoginRequest request, Endpoints endpoints, OAuthClient client, TokenEndpoint http,
                          CallbackConfig settings)
            throws AuthsomeException {
        OAuthSettings oauth = request.provider().definition().oauth();
        String provider = request.provider().name();
        if (endpoints.authorization() == null || endpoints.token() == null) {
            throw new AuthsomeException(ErrorCode.INVALID_INPUT, provider + " has no authorization or token endpoint",
                    "authsome inspect " + provider);
        }
        List<String> scopes = request.scopes().isEmpty() ? oauth.scopes() : request.scopes();
        Pkce pkce = Pkce.generate();
        try (LoopbackCallback callback = LoopbackCallback.start(port(settings), pkce.state(),
                request.interaction().returnAddress().orElse(null))) {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("response_type", "code");
            query.put("client_id", client.clientId());
            query.put("redirect_uri", callback.redirectUri());
            if (!scopes.isEmpty()) {
                query.put("scope", String.join(" ", scopes));
            }
            query.put("state", pkce.state());
            if (oauth.pkce()) {
                query.put("code_challenge", pkce.challenge());
                query.put("code_challenge_method", "S256");
            }
            // A provider's extra parameters never replace the ones this login depends on.
            oauth.extraAuthorizeParams().forEach(query::putIfAbsent);
            String separator = endpoints.authorization().contains("?") ? "&" : "?";
            String url = endpoints.authorization() + separator + TokenEndpoint.formEncode(query);
            request.interaction().visit("authorize", url, null, request.noBrowser() ? null : callback.startUrl(url))
                    .ifPresent(callback::removeOnFirstLoad);
            String code;
            try (LoginInteraction.Waiting waiting = request.interaction().waiting("browser", "the login in the browser",
                    request.timeout())) {
                code = callback.awaitCode(request.timeout())
                        .orElseThrow(() -> OAuthFailures.browserTimedOut(provider, request.timeout()));
            }
            Map<String, String> form = new LinkedHashMap<>();
            form.put("grant_type", "authorization_code");
            form.put("code", code);
            form.put("redirect_uri", callback.redirectUri());
            if (oauth.pkce()) {
                form.put("code_verifier", pkce.verifier());
            }
            TokenResponse tokens = http.grant(endpoints.token(), form, client, oauth);
            return TokenConnections.login(provider, request.connection(), tokens, scopes, request.baseUrl(), client,
                    Instant.now());
        } catch (OAuthError e) {
            throw OAuthFailures.atLogin(e, request, client);
        }
    }
}
