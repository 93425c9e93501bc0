package io.authsome.ui.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The last hour by provider, as the page shows it without script: proxied requests, those
 * answered 401, 403 and 5xx (or not at all), refreshes and failed refreshes.
 */
record ActivitySummary(Map<String, Counts> byProvider) {
    /** One provider's figures. */
    static final class Counts {
        int requests;
        int unauthorized;
        int forbidden;
        int serverErrors;
        int refreshes;
        int refreshFailures;
    }

    /** The figures of the {@code events} recorded after {@code since}. */
    static ActivitySummary of(List<Map<String, Object>> events, Instant since) {
        Map<String, Counts> byProvider = new TreeMap<>();
        for (Map<String, Object> event : events) {
            Instant time = ActivityStream.time(event);
            Object provider = event.get("provider");
            if (time == null || !time.isAfter(since) || provider == null) {
                continue;
            }
            String name = String.valueOf(event.get("event"));
            if (!name.equals("proxy_request") && !name.startsWith("refresh")) {
                continue;
            }
            Counts counts = byProvider.computeIfAbsent(provider.toString(), p -> new Counts());
            switch (name) {
                case "proxy_request" -> {
                    counts.requests++;
                    int status = event.get("status") instanceof Number number ? number.intValue() : 0;
                    counts.unauthorized += status == 401 ? 1 : 0;
                    counts.forbidden += status == 403 ? 1 : 0;
                    counts.serverErrors += status >= 500 || status == 0 ? 1 : 0;
                }
                case "refresh" -> counts.refreshes++;
                case "refresh_failed" -> counts.refreshFailures++;
                default -> {
                }
            }
        }
        return new ActivitySummary(byProvider);
    }
}
