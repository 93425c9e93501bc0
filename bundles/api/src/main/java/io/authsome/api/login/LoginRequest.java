package io.authsome.api.login;

import io.authsome.api.provider.Provider;
import java.time.Duration;
import java.util.List;

/**
 * What a login asks for.
 *
 * @param provider    the provider to log in to
 * @param profile     the profile the connection will be stored in
 * @param connection  the connection name
 * @param scopes      scopes asked for; empty for the provider's defaults
 * @param baseUrl     the connection's own base URL (self-hosted providers), or {@code null}
 * @param clientId    an OAuth client id given on the command line, or {@code null}
 * @param noBrowser   never open a browser; show the URL instead
 * @param timeout     how long to wait for the user
 * @param interaction how the flow talks with whoever logs in: addresses to visit, values to ask
 *                    for, progress, the {@code --verbose} trace (since 2.0, in place of the
 *                    invoking command's context)
 */
public record LoginRequest(Provider provider, String profile, String connection, List<String> scopes,
                           String baseUrl, String clientId, boolean noBrowser, Duration timeout,
                           LoginInteraction interaction) {
    public LoginRequest {
        scopes = List.copyOf(scopes);
    }
}
