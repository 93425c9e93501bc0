package io.authsome.api.agent;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One provider an agent may use through the shared proxy, written {@code provider} (its default
 * connection, whichever that is at the time of each request) or {@code provider=connection} (that
 * connection only), as in {@code agent add <name> --allow github,openai=work}.
 *
 * @param provider   the provider's name
 * @param connection the connection whose credential is injected, or {@code null} for the
 *                   provider's default connection in the agent's profile
 * @since 1.0
 */
public record Grant(String provider, String connection) {
    private static final Pattern PROVIDER = Pattern.compile("^[a-z0-9][a-z0-9_-]*$");
    private static final Pattern CONNECTION = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$");

    /**
     * @throws IllegalArgumentException when the provider or the connection is not a valid name
     */
    public Grant {
        Objects.requireNonNull(provider, "provider");
        if (!PROVIDER.matcher(provider).matches()) {
            throw new IllegalArgumentException("'" + provider + "' is not a provider name (" + PROVIDER.pattern() + ")");
        }
        if (connection != null && !CONNECTION.matcher(connection).matches()) {
            throw new IllegalArgumentException("'" + connection + "' is not a connection name ("
                    + CONNECTION.pattern() + ")");
        }
    }

    /**
     * The grant written {@code provider} or {@code provider=connection}.
     *
     * @throws IllegalArgumentException when it is neither
     */
    public static Grant parse(String text) {
        String trimmed = text.trim();
        int equals = trimmed.indexOf('=');
        return equals < 0 ? new Grant(trimmed, null)
                : new Grant(trimmed.substring(0, equals).trim(), trimmed.substring(equals + 1).trim());
    }

    /** {@code provider} or {@code provider=connection}, as {@link #parse} reads it. */
    @Override
    public String toString() {
        return connection == null ? provider : provider + "=" + connection;
    }
}
