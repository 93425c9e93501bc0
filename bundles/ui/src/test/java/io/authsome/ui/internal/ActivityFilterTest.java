package io.authsome.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ActivityFilterTest {
    @Test
    void blankCriteriaMeanAnyAndTheQueryGivesTheFilterBack() {
        ActivityFilter filter = ActivityFilter.of(Map.of("provider", "github", "agent", " ", "outcome", "failure"));
        assertEquals(new ActivityFilter("github", null, null, "failure"), filter);
        assertEquals("?provider=github&outcome=failure", filter.query());
        assertEquals(filter, ActivityFilter.of(Map.of("provider", "github", "outcome", "failure")));
        assertEquals("", ActivityFilter.ANY.query());
        assertEquals("?connection=a%26b", new ActivityFilter(null, "a&b", null, null).query());
    }

    @Test
    void anEventMatchesWhenEveryCriterionThatIsSetMatches() {
        Map<String, Object> event = ActivityFeedTest.event("2026-12-02T10:00:00Z", "github", "failure");
        assertTrue(ActivityFilter.ANY.accepts(event));
        assertTrue(new ActivityFilter("github", null, null, "failure").accepts(event));
        assertFalse(new ActivityFilter("github", null, null, "success").accepts(event));
        assertFalse(new ActivityFilter(null, null, "ci-bot", null).accepts(event), "no agent in the event");
    }

    @Test
    void theSummaryCountsTheLastHourOfRequestsByStatusAndRefreshes() {
        Map<String, Object> old = ActivityFeedTest.event("2026-12-02T08:00:00Z", "github", "failure");
        Map<String, Object> forbidden = ActivityFeedTest.event("2026-12-02T10:00:00Z", "github", "failure");
        Map<String, Object> ok = ActivityFeedTest.event("2026-12-02T10:01:00Z", "github", "success");
        Map<String, Object> refresh = Map.of("time", "2026-12-02T10:02:00Z", "event", "refresh", "provider", "github");
        ActivitySummary summary = ActivitySummary.of(List.of(old, forbidden, ok, refresh),
                Instant.parse("2026-12-02T09:30:00Z"));
        ActivitySummary.Counts github = summary.byProvider().get("github");
        assertEquals(2, github.requests);
        assertEquals(1, github.forbidden);
        assertEquals(0, github.unauthorized);
        assertEquals(1, github.refreshes);
    }

    @Test
    void aRowEscapesWhatTheEventSays() {
        Map<String, Object> event = ActivityFeedTest.event("2026-12-02T10:00:00Z", "<b>x</b>", "failure");
        String row = ActivityPage.row(event);
        assertFalse(row.contains("<b>"), row);
        assertTrue(row.contains("&lt;b&gt;x&lt;/b&gt;"), row);
    }
}
