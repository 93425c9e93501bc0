package io.authsome.api.vault;

import java.time.Instant;
import java.util.Map;

/**
 * What the profile index says of a connection, without its secrets: enough for {@code list}
 * without decrypting every record.
 *
 * @param provider    provider name
 * @param name        connection name
 * @param state       where it stands
 * @param isDefault   whether it is the provider's default connection in its profile
 * @param attributes  the connection's non-secret attributes
 * @param updatedAt   when it last changed
 * @param expiresAt   when the credential expires, or {@code null}
 */
public record ConnectionInfo(String provider, String name, ConnectionState state, boolean isDefault,
                             Map<String, String> attributes, Instant updatedAt, Instant expiresAt) {
    public ConnectionInfo {
        attributes = Map.copyOf(attributes);
    }
}
