package io.authsome.api.provider;

import java.util.Locale;

/** How a provider authenticates: {@code auth_type} in provider JSON. */
public enum AuthType implements Identified {
    OAUTH2, API_KEY;

    @Override
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
