package io.authsome.ui.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The activity page: the filter (a form that works without script), the chart of the last hour
 * (drawn by the page's script from {@code recent.json}, then kept live from the stream), its
 * figures as a table, and the recent events, newest first.
 */
final class ActivityPage {
    private ActivityPage() {
    }

    /** The values each filter offers: the providers of the catalog, and what the recent events name. */
    record Choices(List<String> providers, List<String> connections, List<String> agents, List<String> outcomes) {
        static Choices of(List<Map<String, Object>> events, List<String> providers) {
            return new Choices(providers, seen(events, "connection"), seen(events, "agent"), seen(events, "outcome"));
        }

        private static List<String> seen(List<Map<String, Object>> events, String member) {
            TreeSet<String> values = new TreeSet<>();
            for (Map<String, Object> event : events) {
                Object value = event.get(member);
                if (value != null) {
                    values.add(value.toString());
                }
            }
            return new ArrayList<>(values);
        }
    }

    static String render(ActivityFilter filter, Choices choices, List<Map<String, Object>> events,
                         ActivitySummary summary, String csrf) {
        StringBuilder body = new StringBuilder("<h1>Activity</h1>");
        body.append("<form method=\"get\" action=\"/activity\" class=\"filters\" aria-label=\"Filter the activity\">")
                .append(select("provider", "Provider", choices.providers(), filter.provider()))
                .append(select("connection", "Connection", choices.connections(), filter.connection()))
                .append(select("agent", "Agent", choices.agents(), filter.agent()))
                .append(select("outcome", "Outcome", choices.outcomes(), filter.outcome()))
                .append("<button type=\"submit\">Filter</button>")
                .append(filter.criteria().isEmpty() ? "" : " <a href=\"/activity\">Show everything</a>")
                .append("</form>");
        String query = Html.text(filter.query());
        body.append("<figure class=\"chart\"><figcaption>Proxied requests per minute, last hour, by provider;")
                .append(" 401, 403 and 5xx answers and token refreshes marked.</figcaption>")
                .append("<div id=\"activity-chart\" data-recent=\"/activity/recent.json").append(query)
                .append("\" data-stream=\"/activity/stream").append(query).append("\"></div>")
                .append("<p id=\"activity-live\" class=\"live\" role=\"status\">The chart and live updates need")
                .append(" JavaScript; the figures below are as of this page.</p></figure>");
        body.append(summaryTable(summary));
        body.append("<h2>Recent events</h2><table class=\"events\" id=\"activity-events\"><caption>The last ")
                .append(ActivitySection.LISTED).append(" events")
                .append(filter.criteria().isEmpty() ? "" : " that match the filter")
                .append(", newest first</caption><thead><tr><th scope=\"col\">Time</th><th scope=\"col\">Event</th>")
                .append("<th scope=\"col\">Provider</th><th scope=\"col\">Connection</th><th scope=\"col\">Agent</th>")
                .append("<th scope=\"col\">Outcome</th><th scope=\"col\">Detail</th></tr></thead><tbody>");
        for (int i = events.size() - 1; i >= Math.max(0, events.size() - ActivitySection.LISTED); i--) {
            body.append(row(events.get(i)));
        }
        body.append("</tbody></table>");
        if (events.isEmpty()) {
            body.append("<p class=\"empty\">No events").append(filter.criteria().isEmpty() ? "" : " match the filter")
                    .append(" yet.</p>");
        }
        return Html.page("Activity", csrf, body.toString(), true);
    }

    private static String summaryTable(ActivitySummary summary) {
        StringBuilder table = new StringBuilder("<table class=\"summary-table\"><caption>The last hour by provider")
                .append("</caption><thead><tr><th scope=\"col\">Provider</th><th scope=\"col\">Requests</th>")
                .append("<th scope=\"col\">401</th><th scope=\"col\">403</th><th scope=\"col\">5xx</th>")
                .append("<th scope=\"col\">Refreshes</th><th scope=\"col\">Failed refreshes</th></tr></thead><tbody>");
        summary.byProvider().forEach((provider, counts) -> table.append("<tr><th scope=\"row\"><a href=\"/providers/")
                .append(Html.text(provider)).append("\">").append(Html.text(provider)).append("</a></th><td>")
                .append(counts.requests).append("</td><td>").append(counts.unauthorized).append("</td><td>")
                .append(counts.forbidden).append("</td><td>").append(counts.serverErrors).append("</td><td>")
                .append(counts.refreshes).append("</td><td>").append(counts.refreshFailures).append("</td></tr>"));
        if (summary.byProvider().isEmpty()) {
            table.append("<tr><td colspan=\"7\">No proxied request or refresh in the last hour.</td></tr>");
        }
        return table.append("</tbody></table>").toString();
    }

    /** One event as a row; the page's script makes the same row for a live event. */
    static String row(Map<String, Object> event) {
        return "<tr class=\"outcome-" + Html.text(value(event, "outcome")) + "\"><td><time datetime=\""
                + Html.text(value(event, "time")) + "\">" + Html.text(value(event, "time").replace('T', ' '))
                + "</time></td><td>" + Html.text(value(event, "event")) + "</td><td>"
                + Html.text(value(event, "provider")) + "</td><td>" + Html.text(value(event, "connection"))
                + "</td><td>" + Html.text(value(event, "agent")) + "</td><td>" + Html.text(value(event, "outcome"))
                + "</td><td>" + Html.text(detail(event)) + "</td></tr>";
    }

    /**
     * What else the event says, in a few words: a proxied request's method, host, path, status and
     * time; else its reason, flow, or where the change came from.
     */
    static String detail(Map<String, Object> event) {
        if ("proxy_request".equals(event.get("event"))) {
            return value(event, "method") + " " + value(event, "host") + value(event, "path") + " → "
                    + value(event, "status") + " (" + value(event, "duration_ms") + " ms)";
        }
        List<String> parts = new ArrayList<>();
        for (String member : List.of("reason", "flow", "via", "by", "command")) {
            if (event.get(member) != null) {
                parts.add(member + " " + event.get(member));
            }
        }
        return String.join(", ", parts);
    }

    private static String value(Map<String, Object> event, String member) {
        Object value = event.get(member);
        return value == null ? "" : value.toString();
    }

    private static String select(String name, String label, List<String> values, String chosen) {
        StringBuilder select = new StringBuilder("<label>").append(Html.text(label)).append(" <select name=\"")
                .append(name).append("\"><option value=\"\">any</option>");
        List<String> options = new ArrayList<>(values);
        if (chosen != null && !options.contains(chosen)) {
            options.add(0, chosen);
        }
        for (String value : options) {
            select.append("<option").append(value.equals(chosen) ? " selected" : "").append(">")
                    .append(Html.text(value)).append("</option>");
        }
        return select.append("</select></label> ").toString();
    }
}
