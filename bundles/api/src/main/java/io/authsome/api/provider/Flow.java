package io.authsome.api.provider;

import java.util.Locale;

/** The login flow of a provider: {@code flow} in provider JSON, {@code --flow} on login. */
public enum Flow implements Identified {
    /** Authorization code with PKCE (RFC 7636), the browser sent back to a loopback redirect. */
    PKCE(AuthType.OAUTH2),
    /** Device authorization grant (RFC 8628): a code the person enters on another device. */
    DEVICE_CODE(AuthType.OAUTH2),
    /** Dynamic client registration (RFC 7591), then {@link #PKCE} with the registered client. */
    DCR_PKCE(AuthType.OAUTH2),
    /** Client credentials grant: the OAuth client logs in as itself, no person involved. */
    CLIENT_CREDENTIALS(AuthType.OAUTH2),
    /** An API key the person gives, stored as it is. */
    API_KEY(AuthType.API_KEY),
    /**
     * The fields a provider plugin asks for (an access key id and secret, an app id and a private
     * key file), checked by the plugin and stored as they are.
     *
     * @since 2.1
     */
    FIELDS(AuthType.PLUGIN);

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
