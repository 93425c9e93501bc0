package io.authsome.oauth.internal;

import io.authsome.api.config.HttpConfig;
import io.authsome.api.login.LoginInteraction;
import io.authsome.api.login.LoginRequest;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * The HTTP client of the OAuth calls, made on first use so that commands that make none never pay
 * for it, and made again only when the {@code http.*} settings changed.
 */
final class Http {
    private static volatile Built built;

    private Http() {
    }

    /** The endpoint client of a login: round trips traced to its interaction with {@code --verbose}. */
    static TokenEndpoint endpoint(LoginRequest request, HttpConfig settings) {
        TokenEndpoint shared = endpoint(settings);
        LoginInteraction interaction = request.interaction();
        return interaction.verbose() ? shared.tracing(interaction::trace) : shared;
    }

    static TokenEndpoint endpoint(HttpConfig settings) {
        Built current = built;
        if (current == null || !current.settings.equals(settings)) {
            synchronized (Http.class) {
                current = built;
                if (current == null || !current.settings.equals(settings)) {
                    HttpClient client = HttpClient.newBuilder()
                            .connectTimeout(Duration.ofSeconds(settings.connectTimeoutSeconds()))
                            .followRedirects(HttpClient.Redirect.NEVER)
                            .build();
                    current = new Built(settings, new TokenEndpoint(client,
                            Duration.ofSeconds(settings.timeoutSeconds()), null));
                    built = current;
                }
            }
        }
        return current.endpoint;
    }

    private record Built(HttpConfig settings, TokenEndpoint endpoint) {
    }
}
