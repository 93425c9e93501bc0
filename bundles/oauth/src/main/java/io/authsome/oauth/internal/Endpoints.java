package io.authsome.oauth.internal;

import io.authsome.api.provider.OAuthSettings;
import java.util.Map;

/**
 * A provider's endpoints for one connection: its URLs with {@code {base_url}} filled in, or, for
 * a provider that gives only its issuer, those of the issuer's discovery document (RFC 8414, then
 * OpenID Connect discovery).
 */
record Endpoints(String authorization, String token, String deviceAuthorization, String registration,
                 String revocation) {

    static Endpoints resolve(OAuthSettings oauth, String baseUrl, TokenEndpoint http) throws OAuthError {
        Endpoints configured = new Endpoints(oauth.expand(oauth.authorizationUrl(), baseUrl),
                oauth.expand(oauth.tokenUrl(), baseUrl), oauth.expand(oauth.deviceAuthorizationUrl(), baseUrl),
                oauth.expand(oauth.registrationEndpoint(), baseUrl), oauth.expand(oauth.revocationUrl(), baseUrl));
        if (oauth.issuer() == null) {
            return configured;
        }
        Map<String, Object> document = discover(oauth.issuer(), http);
        return new Endpoints(first(configured.authorization(), document.get("authorization_endpoint")),
                first(configured.token(), document.get("token_endpoint")),
                first(configured.deviceAuthorization(), document.get("device_authorization_endpoint")),
                first(configured.registration(), document.get("registration_endpoint")),
                first(configured.revocation(), document.get("revocation_endpoint")));
    }

    private static Map<String, Object> discover(String issuer, TokenEndpoint http) throws OAuthError {
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        OAuthError last = null;
        for (String path : new String[] {"/.well-known/oauth-authorization-server", "/.well-known/openid-configuration"}) {
            String url = base + path;
            try {
                return http.send(http.request(url).GET().build(), url);
            } catch (OAuthError e) {
                last = e;
            }
        }
        throw last;
    }

    private static String first(String configured, Object discovered) {
        return configured != null ? configured : discovered instanceof String url ? url : null;
    }
}
