package io.authsome.api.provider;

import java.util.Locale;

/** The login flow of a provider: {@code flow} in provider JSON, {@code --flow} on login. */
public enum Flow implements Identified {
    PKCE(AuthType.OAUTH2),
    DEVICE_CODE(AuthType.OAUTH2),
    DCR_PKCE(AuthType.OAUTH2),
    CLIENT_CREDENTIALS(AuthType.OAUTH2),
    API_KEY(AuthType.API_KEY);

    private final AuthType authType;

    Flow(AuthType authType) {
        this.authType = authType;
    }

    /** The only auth type this flow can log in to. */
    public AuthType authType() {
        return authType;
    }

    @Override
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
