package io.authsome.ui.internal;

import io.authsome.api.audit.AuditLog;
import io.authsome.api.provider.Provider;
import io.authsome.api.provider.ProviderCatalog;
import io.authsome.common.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /activity}: the audit log as a page (the filter, the last hour at a glance, the recent
 * events), {@code /activity/recent.json} (the last hour's events the filter accepts, for the
 * chart) and {@code /activity/stream} (the new ones, live, as server-sent events).
 */
final class ActivitySection implements Section {
    /** The events read for a page: the last hour of a busy home may hold more, then the chart starts later. */
    static final int RECENT = 5_000;
    /** Events listed on the page, newest first. */
    static final int LISTED = 100;
    static final Duration WINDOW = Duration.ofHours(1);

    private final AuditLog audit;
    private final ProviderCatalog catalog;
    private final ActivityFeed feed;

    ActivitySection(AuditLog audit, ProviderCatalog catalog, ActivityFeed feed) {
        this.audit = audit;
        this.catalog = catalog;
        this.feed = feed;
    }

    @Override
    public Answer answer(Request request) {
        if (request.isPost()) {
            return null;
        }
        ActivityFilter filter = ActivityFilter.of(request.query());
        return switch (request.segments().size() == 1 ? "" : request.segment(1)) {
            case "" -> page(filter, request.csrf());
            case "recent.json" -> Answer.json(Json.writeLine(Map.of("events", recent(filter, Instant.now()))));
            case "stream" -> stream(filter, request.query().get("after"));
            default -> null;
        };
    }

    private Answer page(ActivityFilter filter, String csrf) {
        List<Map<String, Object>> all = audit.tail(RECENT);
        List<Map<String, Object>> accepted = all.stream().filter(filter::accepts).toList();
        List<String> providers = catalog.providers().stream().map(Provider::name).sorted().toList();
        return Answer.html(200, ActivityPage.render(filter, ActivityPage.Choices.of(all, providers), accepted,
                ActivitySummary.of(accepted, Instant.now().minus(WINDOW)), csrf));
    }

    private List<Map<String, Object>> recent(ActivityFilter filter, Instant now) {
        Instant since = now.minus(WINDOW);
        List<Map<String, Object>> recent = new ArrayList<>();
        for (Map<String, Object> event : audit.tail(RECENT)) {
            Instant time = ActivityStream.time(event);
            if (time != null && time.isAfter(since) && filter.accepts(event)) {
                recent.add(event);
            }
        }
        return recent;
    }

    private Answer stream(ActivityFilter filter, String after) {
        Optional<ActivityFeed.Listener> listener = feed.listen(filter);
        if (listener.isEmpty()) {
            return Answer.problem(503, "Too many live pages", ActivityFeed.MAX_LISTENERS
                    + " activity pages are open already; close one and reload this one.", null)
                    .withHeader("Retry-After", "10");
        }
        Instant from = null;
        try {
            from = after == null || after.isBlank() ? null : Instant.parse(after);
        } catch (DateTimeParseException e) {
            // no backlog: the page sends no valid time when it has no event
        }
        // Read after listening: an event recorded in between is in both, and sent once.
        List<Map<String, Object>> backlog = from == null ? List.of() : audit.tail(ActivityFeed.QUEUE);
        return Answer.stream("text/event-stream; charset=utf-8", new ActivityStream(listener.get(), backlog, from));
    }
}
