package io.authsome.proxy.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scopes an API says a 403 lacked: RFC 6750's {@code WWW-Authenticate: Bearer
 * error="insufficient_scope", scope="..."}, or GitHub's {@code X-Accepted-OAuth-Scopes} when none
 * of those is among the granted {@code X-OAuth-Scopes}.
 */
final class InsufficientScope {
    private static final Pattern SCOPE = Pattern.compile("scope\\s*=\\s*\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);

    private InsufficientScope() {
    }

    /**
     * The scopes to ask for, or {@code null} when {@code response} (a 403) is not about scopes.
     * An empty list means the API did not say which.
     */
    static List<String> needed(HttpHead response) {
        String challenge = response.get("WWW-Authenticate");
        if (challenge != null && challenge.toLowerCase(Locale.ROOT).contains("insufficient_scope")) {
            Matcher scope = SCOPE.matcher(challenge);
            return scope.find() ? split(scope.group(1), " ") : List.of();
        }
        String accepted = response.get("X-Accepted-OAuth-Scopes");
        if (accepted == null || accepted.isBlank()) {
            return null;
        }
        List<String> acceptable = split(accepted, ",");
        String granted = response.get("X-OAuth-Scopes");
        // Any one of the accepted scopes would do; only when none is granted is the 403 about scopes.
        return granted != null && split(granted, ",").stream().anyMatch(acceptable::contains) ? null : acceptable;
    }

    /** {@code granted} (space-separated) and {@code needed}, without repeats, for {@code login --scopes}. */
    static List<String> union(String granted, List<String> needed) {
        Set<String> all = new LinkedHashSet<>(granted == null ? List.of() : split(granted, " "));
        all.addAll(needed);
        return List.copyOf(all);
    }

    private static List<String> split(String value, String separator) {
        List<String> parts = new ArrayList<>();
        Arrays.stream(value.split(separator)).map(String::trim).filter(part -> !part.isEmpty()).forEach(parts::add);
        return parts;
    }
}
