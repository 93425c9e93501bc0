package io.authsome.api.plugin;

import io.authsome.api.vault.Secret;
import java.time.Instant;
import java.util.Objects;

/**
 * A short-lived token a {@link TokenMinter} obtained.
 *
 * @param token     the token, sent with the provider's header template
 * @param expiresAt when it stops working; the runtime mints again within the refresh lead
 * @param scope     the scopes it carries (space-separated), or {@code null} when not known
 */
public record MintedToken(Secret token, Instant expiresAt, String scope) {
    public MintedToken {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
