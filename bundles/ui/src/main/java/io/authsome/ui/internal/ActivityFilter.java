package io.authsome.ui.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Which audit events the activity page shows: those of a provider, a connection, an agent, with an
 * outcome; each criterion {@code null} when any value will do. Immutable.
 */
record ActivityFilter(String provider, String connection, String agent, String outcome) {
    static final ActivityFilter ANY = new ActivityFilter(null, null, null, null);

    /** The filter of a page's query ({@code ?provider=github&outcome=failure}); blank values mean any. */
    static ActivityFilter of(Map<String, String> query) {
        return new ActivityFilter(value(query.get("provider")), value(query.get("connection")),
                value(query.get("agent")), value(query.get("outcome")));
    }

    boolean accepts(Map<String, Object> event) {
        return matches(provider, event.get("provider")) && matches(connection, event.get("connection"))
                && matches(agent, event.get("agent")) && matches(outcome, event.get("outcome"));
    }

    /** The criteria that are set, by name, as the page's query has them. */
    Map<String, String> criteria() {
        Map<String, String> set = new LinkedHashMap<>();
        if (provider != null) {
            set.put("provider", provider);
        }
        if (connection != null) {
            set.put("connection", connection);
        }
        if (agent != null) {
            set.put("agent", agent);
        }
        if (outcome != null) {
            set.put("outcome", outcome);
        }
        return set;
    }

    /** The query that gives this filter back: {@code ""} or {@code ?provider=github&...}, encoded. */
    String query() {
        StringBuilder query = new StringBuilder();
        criteria().forEach((name, value) -> query.append(query.length() == 0 ? '?' : '&').append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return query.toString();
    }

    private static boolean matches(String wanted, Object actual) {
        return wanted == null || Objects.equals(wanted, actual == null ? null : actual.toString());
    }

    private static String value(String raw) {
        return raw == null || raw.isBlank() ? null : raw.strip();
    }
}
