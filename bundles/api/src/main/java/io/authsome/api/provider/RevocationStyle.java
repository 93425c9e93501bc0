package io.authsome.api.provider;

import java.util.Locale;

/** How tokens are revoked ({@code oauth.revocation_style}). */
public enum RevocationStyle implements Identified {
    /** RFC 7009: POST token and token_type_hint to the revocation URL (the default). */
    RFC7009,
    /** HTTP DELETE on {@code revocation_url/<refresh token>} (HubSpot). */
    DELETE_REFRESH_TOKEN;

    @Override
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
