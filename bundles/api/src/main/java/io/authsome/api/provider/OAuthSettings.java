package io.authsome.api.provider;

import java.util.List;
import java.util.Map;

/**
 * The {@code oauth} section of an OAuth 2.0 provider. URLs may contain {@code {base_url}}, which
 * {@link #expand(String, String)} replaces with the connection's base URL or {@link #baseUrl()}.
 * Endpoints a provider does not have are {@code null}; with {@link #issuer()} set they may all be
 * {@code null} and come from the issuer's discovery document.
 *
 * @param authorizationUrl       authorization endpoint (pkce, dcr_pkce)
 * @param tokenUrl               token endpoint
 * @param revocationUrl          RFC 7009 revocation endpoint
 * @param deviceAuthorizationUrl RFC 8628 device authorization endpoint
 * @param registrationEndpoint   RFC 7591 dynamic client registration endpoint
 * @param issuer                 issuer whose RFC 8414 / OpenID discovery document gives the endpoints
 * @param baseUrl                default for {@code {base_url}} (GitHub: https://github.com)
 * @param scopes                 scopes asked for by default
 * @param pkce                   whether PKCE (S256) is used on the authorization request
 * @param extraAuthorizeParams   extra query parameters for the authorization request
 * @param clientAuthentication   how the client authenticates at the token endpoint
 * @param revocationStyle        how tokens are revoked
 * @param tokenRequestFormat     how token endpoint requests are encoded
 * @param tokenResponsePath      object of the token response that holds the token fields, or
 *                               {@code null} for the top level (Slack: {@code authed_user})
 */
public record OAuthSettings(
        String authorizationUrl,
        String tokenUrl,
        String revocationUrl,
        String deviceAuthorizationUrl,
        String registrationEndpoint,
        String issuer,
        String baseUrl,
        List<String> scopes,
        boolean pkce,
        Map<String, String> extraAuthorizeParams,
        ClientAuthentication clientAuthentication,
        RevocationStyle revocationStyle,
        TokenRequestFormat tokenRequestFormat,
        String tokenResponsePath) {

    /** The placeholder that a connection's base URL replaces. */
    public static final String BASE_URL_PLACEHOLDER = "{base_url}";

    public OAuthSettings {
        scopes = List.copyOf(scopes);
        extraAuthorizeParams = Map.copyOf(extraAuthorizeParams);
    }

    /** Whether the provider supports the device authorization grant. */
    public boolean supportsDeviceCode() {
        return deviceAuthorizationUrl != null || issuer != null;
    }

    /** Whether the provider supports dynamic client registration. */
    public boolean supportsDcr() {
        return registrationEndpoint != null;
    }

    /**
     * {@code template} with {@code {base_url}} replaced by {@code baseUrlOverride}, or by
     * {@link #baseUrl()} when the override is {@code null}. A trailing slash of the base URL is
     * dropped so that {@code {base_url}/path} has one slash.
     */
    public String expand(String template, String baseUrlOverride) {
        if (template == null || !template.contains(BASE_URL_PLACEHOLDER)) {
            return template;
        }
        String base = baseUrlOverride != null ? baseUrlOverride : baseUrl;
        if (base == null) {
            return template;
        }
        String trimmed = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        return template.replace(BASE_URL_PLACEHOLDER, trimmed);
    }
}
