package io.authsome.api.login;

import io.authsome.api.command.CommandContext;
import io.authsome.api.provider.Provider;
import java.time.Duration;
import java.util.List;

/**
 * What a login asks for.
 *
 * @param provider   the provider to log in to
 * @param profile    the profile the connection will be stored in
 * @param connection the connection name
 * @param scopes     scopes asked for; empty for the provider's defaults
 * @param baseUrl    the connection's own base URL (self-hosted providers), or {@code null}
 * @param clientId   an OAuth client id given on the command line, or {@code null}
 * @param noBrowser  never open a browser; print the URL instead
 * @param timeout    how long to wait for the user
 * @param context    the invoking command's context: secrets input, diagnostics, --json
 */
public record LoginRequest(Provider provider, String profile, String connection, List<String> scopes,
                           String baseUrl, String clientId, boolean noBrowser, Duration timeout,
                           CommandContext context) {
    public LoginRequest {
        scopes = List.copyOf(scopes);
    }
}
