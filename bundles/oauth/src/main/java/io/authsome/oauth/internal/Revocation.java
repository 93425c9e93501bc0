package io.authsome.oauth.internal;

import io.authsome.api.provider.OAuthSettings;
import io.authsome.api.provider.RevocationStyle;
import io.authsome.api.vault.OAuthClient;
import io.authsome.api.vault.Secret;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Revokes tokens at the provider: RFC 7009 (a {@code 200} is success, whatever its body), or
 * HubSpot's DELETE on {@code revocation_url/<refresh token>}.
 */
final class Revocation {
    private Revocation() {
    }

    /** Revokes one token; {@code hint} is {@code refresh_token} or {@code access_token}. */
    static void revoke(TokenEndpoint http, String url, OAuthSettings oauth, OAuthClient client, Secret token,
                       String hint) throws OAuthError {
        if (oauth.revocationStyle() == RevocationStyle.DELETE_REFRESH_TOKEN) {
            if (hint.equals("refresh_token")) {
                String target = (url.endsWith("/") ? url : url + "/") + TokenEndpoint.encode(token.reveal());
                http.send(http.request(target).DELETE().build(), url);
            }
            return;
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", token.reveal());
        form.put("token_type_hint", hint);
        http.revoke(url, form, client, oauth);
    }
}
