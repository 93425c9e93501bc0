package io.authsome.oauth.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The token request of the client credentials grant, for a login and for each renewal. */
final class ClientCredentials {
    private ClientCredentials() {
    }

    static Map<String, String> form(List<String> scopes) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        if (!scopes.isEmpty()) {
            form.put("scope", String.join(" ", scopes));
        }
        return form;
    }
}
