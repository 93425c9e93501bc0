package io.authsome.common.plugin;

import io.authsome.api.config.HttpConfig;
import io.authsome.api.plugin.MintContext;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a mint may use, from the home's {@code http.*} settings and the connection's login
 * options. The HTTP client is made once per distinct settings and shared: it is costly to make.
 *
 * @param http    the client
 * @param timeout the per-request timeout
 * @param scopes  the scopes asked for at login
 * @param baseUrl the connection's base URL
 * @param trace   the {@code --verbose} trace, or {@code null}
 */
public record RuntimeMintContext(HttpClient http, Duration timeout, List<String> scopes, Optional<String> baseUrl,
                                 PrintStream trace) implements MintContext {
    /** The attribute of a plugin connection that keeps the scopes asked for at login. */
    public static final String REQUESTED_SCOPES = "requested_scopes";
    /** The attribute of a connection holding its own base URL. */
    public static final String BASE_URL = "base_url";

    private static volatile Shared shared;

    public RuntimeMintContext {
        scopes = List.copyOf(scopes);
    }

    /** The context of a mint for a connection with {@code attributes}, under {@code settings}. */
    public static RuntimeMintContext of(HttpConfig settings, Map<String, String> attributes,
                                        PrintStream trace) {
        String requested = attributes.get(REQUESTED_SCOPES);
        List<String> scopes = requested == null || requested.isBlank() ? List.of()
                : Arrays.asList(requested.trim().split("\\s+"));
        return new RuntimeMintContext(client(settings), Duration.ofSeconds(settings.timeoutSeconds()), scopes,
                Optional.ofNullable(attributes.get(BASE_URL)), trace);
    }

    private static HttpClient client(HttpConfig settings) {
        Shared current = shared;
        if (current == null || !current.settings.equals(settings)) {
            current = new Shared(settings, HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(settings.connectTimeoutSeconds()))
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build());
            shared = current;
        }
        return current.client;
    }

    private record Shared(HttpConfig settings, HttpClient client) {
    }
}
