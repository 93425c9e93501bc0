package io.authsome.ui.internal;

import io.authsome.api.provider.HeaderInjection;
import io.authsome.api.provider.OAuthSettings;
import io.authsome.api.provider.Provider;
import io.authsome.api.provider.ProviderDefinition;
import io.authsome.api.provider.Route;
import io.authsome.common.connection.ProfileOverview;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The dashboard's pages, rendered on the server from the overview of the active profile. */
final class Pages {
    private Pages() {
    }

    /** Every provider: those with something stored first, each with its state and connections. */
    static String overview(ProfileOverview overview, String csrf) {
        List<ProfileOverview.Entry> entries = new ArrayList<>(overview.providers());
        entries.sort(Comparator.comparing((ProfileOverview.Entry e) -> e.connections().isEmpty()
                && !e.state().equals("configured")));
        long connected = entries.stream().filter(e -> e.state().equals("connected")).count();
        StringBuilder body = new StringBuilder();
        body.append("<h1>Connections</h1><p class=\"summary\">Profile <strong>").append(Html.text(overview.profile()))
                .append("</strong>: ").append(entries.size()).append(" providers, ").append(connected)
                .append(" connected.</p>")
                .append("<table class=\"providers\"><caption>Providers and their connections</caption><thead><tr>")
                .append("<th scope=\"col\">Provider</th><th scope=\"col\">State</th>")
                .append("<th scope=\"col\">Connections</th><th scope=\"col\">Next step</th></tr></thead><tbody>");
        for (ProfileOverview.Entry entry : entries) {
            Provider provider = entry.provider();
            body.append("<tr><th scope=\"row\"><a href=\"/providers/").append(Html.text(provider.name())).append("\">")
                    .append(Html.text(provider.definition().displayName())).append("</a> <span class=\"name\">")
                    .append(Html.text(provider.name())).append("</span></th><td>").append(badge(entry.state()))
                    .append("</td><td>").append(connectionList(entry.connections())).append("</td><td>")
                    .append(nextSteps(entry)).append("</td></tr>");
        }
        body.append("</tbody></table>");
        return Html.page("Connections", csrf, body.toString());
    }

    /** One provider: its definition and its connections. */
    static String provider(ProfileOverview.Entry entry, String profile, String csrf) {
        Provider provider = entry.provider();
        ProviderDefinition definition = provider.definition();
        StringBuilder body = new StringBuilder();
        body.append("<h1>").append(Html.text(definition.displayName())).append(" ").append(badge(entry.state()))
                .append("</h1><dl class=\"definition\">")
                .append(item("Name", Html.text(provider.name())))
                .append(item("Source", Html.text(provider.source().id())))
                .append(item("Authentication", Html.text(definition.authType().id() + " (" + definition.flow().id()
                        + ")")))
                .append(item("Header", header(definition.injection())))
                .append(item("Routes", routes(definition.routes())));
        OAuthSettings oauth = definition.oauth();
        if (oauth != null) {
            body.append(item("Scopes declared", oauth.scopes() == null || oauth.scopes().isEmpty() ? "none"
                    : Html.text(String.join(" ", oauth.scopes()))));
        }
        if (definition.docsUrl() != null) {
            body.append(item("Documentation", Html.text(definition.docsUrl())));
        }
        body.append("</dl><h2>Connections in profile ").append(Html.text(profile)).append("</h2>");
        if (entry.connections().isEmpty()) {
            body.append("<p>None. Connect one with <code>authsome login ").append(Html.text(provider.name()))
                    .append("</code>.</p>");
        } else {
            body.append("<table class=\"connections\"><caption>Connections of ").append(Html.text(provider.name()))
                    .append("</caption><thead><tr><th scope=\"col\">Name</th><th scope=\"col\">State</th>")
                    .append("<th scope=\"col\">Scopes granted</th><th scope=\"col\">Client</th>")
                    .append("<th scope=\"col\">Updated</th><th scope=\"col\">Expires</th>")
                    .append("<th scope=\"col\">Next step</th></tr></thead><tbody>");
            for (ProfileOverview.Shown shown : entry.connections()) {
                Map<String, String> attributes = shown.info().attributes();
                body.append("<tr><th scope=\"row\">").append(Html.text(shown.info().name()))
                        .append(shown.info().isDefault() ? " <span class=\"default\">default</span>" : "")
                        .append("</th><td>").append(badge(shown.state().state().id())).append("</td><td>")
                        .append(Html.text(attributes.getOrDefault("scope", "")))
                        .append("</td><td>").append(Html.text(attributes.getOrDefault("client_id", "")))
                        .append("</td><td>").append(time(shown.info().updatedAt()))
                        .append("</td><td>").append(expiry(shown.info().expiresAt()))
                        .append("</td><td>").append(shown.state().nextStep() == null ? ""
                                : "<code>" + Html.text(shown.state().nextStep()) + "</code>")
                        .append("</td></tr>");
            }
            body.append("</tbody></table>");
        }
        return Html.page(definition.displayName(), csrf, body.toString());
    }

    /** A refusal or a missing page, with what to do. */
    static String problem(String title, String message, String next) {
        return Html.page(title, null, "<h1>" + Html.text(title) + "</h1><p>" + Html.text(message) + "</p>"
                + (next == null ? "" : "<p>Next: <code>" + Html.text(next) + "</code></p>"));
    }

    private static String badge(String state) {
        return "<span class=\"state state-" + Html.text(state) + "\">" + Html.text(state) + "</span>";
    }

    private static String connectionList(List<ProfileOverview.Shown> connections) {
        if (connections.isEmpty()) {
            return "";
        }
        StringBuilder list = new StringBuilder("<ul class=\"connections\">");
        for (ProfileOverview.Shown shown : connections) {
            list.append("<li>").append(Html.text(shown.info().name())).append(shown.info().isDefault() ? "*" : "")
                    .append(" ").append(badge(shown.state().state().id())).append(" ")
                    .append(expiry(shown.info().expiresAt())).append("</li>");
        }
        return list.append("</ul>").toString();
    }

    private static String nextSteps(ProfileOverview.Entry entry) {
        StringBuilder steps = new StringBuilder();
        for (ProfileOverview.Shown shown : entry.connections()) {
            if (shown.state().nextStep() != null) {
                steps.append("<code>").append(Html.text(shown.state().nextStep())).append("</code> ");
            }
        }
        if (entry.connections().isEmpty()) {
            steps.append("<code>authsome login ").append(Html.text(entry.provider().name())).append("</code>");
        }
        return steps.toString().strip();
    }

    /** An expiry the page's script counts down; without script, the time itself. */
    private static String expiry(Instant expiresAt) {
        if (expiresAt == null) {
            return "<span class=\"expiry\">does not expire</span>";
        }
        return "<time class=\"expiry\" datetime=\"" + expiresAt + "\" data-expires=\"" + expiresAt + "\">expires "
                + expiresAt + "</time>";
    }

    private static String time(Instant instant) {
        return instant == null ? "" : "<time datetime=\"" + instant + "\">" + instant + "</time>";
    }

    private static String header(HeaderInjection injection) {
        if (injection == null) {
            return "none";
        }
        return "<code>" + Html.text(injection.name() + ": " + (injection.prefix() == null ? "" : injection.prefix())
                + "<credential>") + "</code>";
    }

    private static String routes(List<Route> routes) {
        if (routes == null || routes.isEmpty()) {
            return "none";
        }
        StringBuilder list = new StringBuilder("<ul class=\"routes\">");
        for (Route route : routes) {
            list.append("<li><code>").append(Html.text(route.spec())).append("</code></li>");
        }
        return list.append("</ul>").toString();
    }

    private static String item(String term, String html) {
        return "<dt>" + Html.text(term) + "</dt><dd>" + html + "</dd>";
    }
}
