package io.authsome.api.vault;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * An OAuth client of a provider in one profile: entered by the user or registered dynamically
 * (RFC 7591). The provider's current client is the one its next logins use; each connection
 * remembers the client that obtained it ({@link Connection#CLIENT_ID}), which stays stored while a
 * connection uses it. {@code remove} drops them all, so that the next login asks again;
 * {@code revoke} keeps them.
 *
 * @param provider     provider name
 * @param clientId     the client id (not a secret)
 * @param clientSecret the client secret, or {@code null} for a public client
 * @param attributes   non-secret facts: {@code registered} ({@code dynamic} or {@code user}),
 *                     {@code redirect_uri}, ...
 * @param createdAt    when it was stored
 */
public record OAuthClient(String provider, String clientId, Secret clientSecret, Map<String, String> attributes,
                          Instant createdAt) {
    public OAuthClient {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(createdAt, "createdAt");
        attributes = Map.copyOf(attributes);
    }
}
