package io.authsome.oauth.internal;

import io.authsome.api.home.HomeLayout;
import io.authsome.api.login.LoginInteraction;
import io.authsome.api.login.LoginRequest;
import io.authsome.common.config.Settings;
import java.net.http.HttpClient;
import java.time.Duration;

/** The HTTP client of the OAuth calls, made on first use so that commands that make none never pay for it. */
final class Http {
    private static volatile TokenEndpoint endpoint;

    private Http() {
    }

    /** The endpoint client of a login: round trips traced to its interaction with {@code --verbose}. */
    static TokenEndpoint endpoint(LoginRequest request) {
        TokenEndpoint shared = endpoint(request.home());
        LoginInteraction interaction = request.interaction();
        return interaction.verbose() ? shared.tracing(interaction::trace) : shared;
    }

    static TokenEndpoint endpoint(HomeLayout home) {
        TokenEndpoint current = endpoint;
        if (current == null) {
            synchronized (Http.class) {
                if (endpoint == null) {
                    Settings settings = Settings.of(home);
                    HttpClient client = HttpClient.newBuilder()
                            .connectTimeout(Duration.ofSeconds(settings.number("http.connect_timeout_seconds", 10)))
                            .followRedirects(HttpClient.Redirect.NEVER)
                            .build();
                    endpoint = new TokenEndpoint(client, Duration.ofSeconds(settings.number("http.timeout_seconds", 30)), null);
                }
                current = endpoint;
            }
        }
        return current;
    }
}
