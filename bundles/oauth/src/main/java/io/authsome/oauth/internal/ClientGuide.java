package io.authsome.oauth.internal;

import io.authsome.api.AuthsomeException;
import io.authsome.api.config.CallbackConfig;
import io.authsome.api.login.LoginRequest;
import io.authsome.api.provider.Flow;
import io.authsome.api.provider.OAuthSettings;
import io.authsome.api.provider.ProviderDefinition;

/**
 * What a new user must create before a first OAuth login: where to register an OAuth app at the
 * provider, the exact redirect URI to register, the scopes the login asks for, and the flows that
 * need less (device code without a redirect, dynamic registration without any client).
 */
final class ClientGuide {
    private ClientGuide() {
    }

    /** @throws AuthsomeException when {@code callback.port} in config.json is not a port number */
    static String describe(LoginRequest request, Flow flow, CallbackConfig callback) throws AuthsomeException {
        ProviderDefinition definition = request.provider().definition();
        OAuthSettings oauth = definition.oauth();
        String name = definition.name();
        String display = definition.displayName() != null ? definition.displayName() : name;
        StringBuilder text = new StringBuilder("authsome logs in to ").append(display)
                .append(" as an OAuth app (client) of your own; create one:");
        line(text, "where", definition.docsUrl() != null ? definition.docsUrl()
                : "the developer or OAuth application settings of " + display + where(oauth, request.baseUrl()));
        if (flow == Flow.PKCE || flow == Flow.DCR_PKCE) {
            line(text, "redirect (callback) URI to register, exactly",
                    AuthorizationCodeLogin.redirectUri(AuthorizationCodeLogin.port(callback)));
        } else if (flow == Flow.DEVICE_CODE) {
            line(text, "allow", "the device flow (device authorization grant) for the app");
        }
        var scopes = request.scopes().isEmpty() ? oauth.scopes() : request.scopes();
        line(text, "scopes it will ask for", scopes.isEmpty() ? "none (the provider's default)" : String.join(" ", scopes));
        if (oauth.supportsDcr() && flow != Flow.DCR_PKCE) {
            line(text, "or, with no client to create", "authsome login " + name + " --flow dcr_pkce");
        }
        if (oauth.supportsDeviceCode() && flow != Flow.DEVICE_CODE) {
            line(text, "without a browser on this machine", "authsome login " + name + " --flow device_code --client-id ID");
        }
        return text.toString();
    }

    /** The login that follows: dynamic registration where the provider offers it, else a client id. */
    static String nextStep(LoginRequest request) {
        OAuthSettings oauth = request.provider().definition().oauth();
        String scopes = request.scopes().isEmpty() ? "" : " --scopes " + String.join(",", request.scopes());
        String name = request.provider().name();
        return oauth.supportsDcr() ? "authsome login " + name + " --flow dcr_pkce" + scopes
                : "authsome login " + name + " --client-id ID" + scopes;
    }

    private static void line(StringBuilder text, String label, String value) {
        text.append("\n  ").append(label).append(": ").append(value);
    }

    private static String where(OAuthSettings oauth, String baseUrl) {
        String page = oauth.authorizationUrl() != null ? oauth.expand(oauth.authorizationUrl(), baseUrl) : oauth.issuer();
        return page == null ? "" : " (its authorization endpoint is " + page + ")";
    }
}
