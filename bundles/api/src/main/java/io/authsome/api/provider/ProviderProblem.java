package io.authsome.api.provider;

import java.util.Objects;

/**
 * Why a provider definition was rejected.
 *
 * @param origin  the file, or bundle and entry, the definition came from
 * @param field   the JSON field at fault as a dotted path ({@code oauth.token_url}), or
 *                {@code null} when the whole document is at fault (it is not JSON)
 * @param message what is wrong, for a person
 */
public record ProviderProblem(String origin, String field, String message) {
    public ProviderProblem {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return origin + ": " + (field == null ? "" : field + ": ") + message;
    }
}
