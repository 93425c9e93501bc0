package io.authsome.api.provider;

import java.util.Locale;

/** How a provider authenticates: {@code auth_type} in provider JSON. */
public enum AuthType implements Identified {
    OAUTH2, API_KEY,
    /**
     * Code in a provider bundle logs in and injects: the provider definition names the plugin in
     * {@code injector} ({@code io.authsome.api.plugin}).
     *
     * @since 2.1
     */
    PLUGIN;

    @Override
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
