package io.authsome.ui.internal;

import io.authsome.api.provider.HeaderInjection;
import io.authsome.api.provider.OAuthSettings;
import io.authsome.api.provider.Provider;
import io.authsome.api.provider.ProviderDefinition;
import io.authsome.api.provider.Route;
import io.authsome.api.health.Finding;
import io.authsome.api.health.Status;
import io.authsome.common.connection.ProfileOverview;
import io.authsome.common.health.BundleStates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.osgi.framework.Bundle;

/** The dashboard's pages, rendered on the server from the overview of the active profile. */
final class Pages {
    private Pages() {
    }

    /** Every provider: those with something stored first, each with its state and connections. */
    static String overview(ProfileOverview overview, String csrf, Notices.Notice notice) {
        List<ProfileOverview.Entry> entries = new ArrayList<>(overview.providers());
        entries.sort(Comparator.comparing((ProfileOverview.Entry e) -> e.connections().isEmpty()
                && !e.state().equals("configured")));
        long connected = entries.stream().filter(e -> e.state().equals("connected")).count();
        StringBuilder body = new StringBuilder();
        body.append(notice(notice)).append("<h1>Connections</h1><p class=\"summary\">Profile <strong>").append(Html.text(overview.profile()))
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
                    .append(nextSteps(entry, csrf)).append("</td></tr>");
        }
        body.append("</tbody></table>");
        return Html.page("Connections", csrf, body.toString());
    }

    /** One provider: its definition and its connections. */
    static String provider(ProfileOverview.Entry entry, String profile, String csrf, Notices.Notice notice) {
        Provider provider = entry.provider();
        ProviderDefinition definition = provider.definition();
        StringBuilder body = new StringBuilder();
        body.append(notice(notice)).append("<h1>").append(Html.text(definition.displayName())).append(" ")
                .append(badge(entry.state()))
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
            body.append("<p>None yet: connect one below, or with <code>authsome login ").append(Html.text(provider.name()))
                    .append("</code>.</p>");
        } else {
            body.append("<table class=\"connections\"><caption>Connections of ").append(Html.text(provider.name()))
                    .append("</caption><thead><tr><th scope=\"col\">Name</th><th scope=\"col\">State</th>")
                    .append("<th scope=\"col\">Scopes granted</th><th scope=\"col\">Client</th>")
                    .append("<th scope=\"col\">Updated</th><th scope=\"col\">Expires</th>")
                    .append("<th scope=\"col\">Next step</th><th scope=\"col\">Actions</th></tr></thead><tbody>");
            for (ProfileOverview.Shown shown : entry.connections()) {
                Map<String, String> attributes = shown.info().attributes();
                body.append("<tr><th scope=\"row\">").append(Html.text(shown.info().name()))
                        .append(shown.info().isDefault() ? " <span class=\"default\">default</span>" : "")
                        .append("</th><td>").append(badge(shown.state().state().id())).append("</td><td>")
                        .append(Html.text(attributes.getOrDefault("scopes", "")))
                        .append("</td><td>").append(Html.text(attributes.getOrDefault("client_id", "")))
                        .append("</td><td>").append(time(shown.info().updatedAt()))
                        .append("</td><td>").append(expiry(shown.info().expiresAt()))
                        .append("</td><td>").append(shown.state().nextStep() == null ? ""
                                : "<code>" + Html.text(shown.state().nextStep()) + "</code> " + fix(provider, shown, csrf))
                        .append("</td><td class=\"actions\">").append(actions(provider, shown, csrf))
                        .append("</td></tr>");
            }
            body.append("</tbody></table>");
        }
        body.append(LoginPages.moreScopesForms(provider, entry.connections(), csrf))
                .append(LoginPages.connectForm(provider, !entry.connections().isEmpty(), csrf));
        if (!entry.connections().isEmpty() || entry.state().equals("configured")) {
            body.append("<p><a class=\"danger\" href=\"/providers/").append(Html.text(provider.name()))
                    .append("/remove\">Remove everything of ").append(Html.text(definition.displayName()))
                    .append(" from this profile…</a></p>");
        }
        return Html.page(definition.displayName(), csrf, body.toString());
    }

    /** The confirmation before a removal: what goes, and the one button that does it. */
    static String confirmRemove(ProfileOverview.Entry entry, String profile, String csrf) {
        Provider provider = entry.provider();
        String name = Html.text(provider.definition().displayName());
        StringBuilder body = new StringBuilder("<h1>Remove ").append(name).append("?</h1><p>This revokes at ")
                .append(name).append(" and deletes, in profile <strong>").append(Html.text(profile))
                .append("</strong>: ");
        body.append(entry.connections().isEmpty() ? "no connection"
                : Html.text(String.join(", ", entry.connections().stream().map(c -> c.info().name()).toList())));
        body.append(", and its OAuth client if it has one. The provider's definition stays.</p>")
                .append("<form method=\"post\" action=\"/providers/").append(Html.text(provider.name()))
                .append("/remove\">").append(Html.csrfField(csrf))
                .append("<button type=\"submit\" class=\"danger\">Remove</button> <a href=\"/providers/")
                .append(Html.text(provider.name())).append("\">Cancel</a></form>");
        return Html.page("Remove " + provider.definition().displayName(), csrf, body.toString());
    }

    /** What {@code doctor} finds, with the fixes, and every bundle of the daemon with its state. */
    static String health(List<Finding> findings, List<Bundle> bundles, String csrf) {
        long failed = findings.stream().filter(f -> f.status() == Status.FAIL).count();
        long unhealthy = bundles.stream().filter(b -> !BundleStates.healthy(b)).count();
        StringBuilder body = new StringBuilder("<h1>Health</h1><p class=\"summary\">")
                .append(failed == 0 ? "Every check passes" : failed + " check(s) failed: apply the fixes below")
                .append("; ").append(bundles.size() - unhealthy).append(" of ").append(bundles.size())
                .append(" bundles active.</p>")
                .append("<table class=\"findings\"><caption>What authsome doctor finds</caption><thead><tr>")
                .append("<th scope=\"col\">Status</th><th scope=\"col\">Check</th><th scope=\"col\">Finding</th>")
                .append("<th scope=\"col\">Fix</th></tr></thead><tbody>");
        for (Finding finding : findings) {
            body.append("<tr><td>").append(badge(finding.status().name().toLowerCase(java.util.Locale.ROOT)))
                    .append("</td><th scope=\"row\">").append(Html.text(finding.check())).append("</th><td>")
                    .append(Html.text(finding.message())).append("</td><td>")
                    .append(finding.fix() == null ? "" : "<code>" + Html.text(finding.fix()) + "</code>")
                    .append("</td></tr>");
        }
        body.append("</tbody></table><h2>Bundles</h2><table class=\"bundles\"><caption>The daemon's bundles")
                .append("</caption><thead><tr><th scope=\"col\">Id</th><th scope=\"col\">Bundle</th>")
                .append("<th scope=\"col\">Version</th><th scope=\"col\">State</th><th scope=\"col\">From</th>")
                .append("</tr></thead><tbody>");
        for (Bundle bundle : bundles) {
            String state = BundleStates.of(bundle);
            body.append("<tr><td>").append(bundle.getBundleId()).append("</td><th scope=\"row\">")
                    .append(Html.text(String.valueOf(bundle.getSymbolicName()))).append("</th><td>")
                    .append(Html.text(bundle.getVersion())).append("</td><td>")
                    .append(badge(BundleStates.healthy(bundle) ? "active" : state)).append(" ")
                    .append(BundleStates.healthy(bundle) ? "" : Html.text(state)).append("</td><td class=\"name\">")
                    .append(Html.text(bundle.getLocation())).append("</td></tr>");
        }
        body.append("</tbody></table>");
        return Html.page("Health", csrf, body.toString());
    }

    /** A refusal or a missing page, with what to do. */
    static String problem(String title, String message, String next) {
        return Html.page(title, null, "<h1>" + Html.text(title) + "</h1><p>" + Html.text(message) + "</p>"
                + (next == null ? "" : "<p>Next: <code>" + Html.text(next) + "</code></p>"));
    }

    /** The buttons of one connection: each a form that posts the session's CSRF token. */
    private static String actions(Provider provider, ProfileOverview.Shown shown, String csrf) {
        String base = "/providers/" + Html.text(provider.name()) + "/connections/" + Html.text(shown.info().name()) + "/";
        String label = Html.text(shown.info().name());
        StringBuilder forms = new StringBuilder();
        if (!shown.info().isDefault()) {
            forms.append(button(base + "default", csrf, "Set default", "Make " + label + " the default"));
        }
        forms.append(button(base + "logout", csrf, "Log out", "Log out " + label + " on this machine"));
        if (provider.definition().authType() == io.authsome.api.provider.AuthType.OAUTH2) {
            forms.append(button(base + "revoke", csrf, "Revoke", "Revoke " + label + " at the provider"));
        }
        return forms.toString();
    }

    static String button(String action, String csrf, String text, String label) {
        return "<form method=\"post\" action=\"" + action + "\" class=\"inline\">" + Html.csrfField(csrf)
                + "<button type=\"submit\" aria-label=\"" + label + "\">" + Html.text(text) + "</button></form>";
    }

    static String notice(Notices.Notice notice) {
        if (notice == null) {
            return "";
        }
        if (!notice.problem()) {
            return "<p class=\"notice\" role=\"status\">" + Html.text(notice.text()) + "</p>";
        }
        return "<div class=\"notice problem\" role=\"alert\"><p>" + Html.text(notice.text()) + "</p>"
                + (notice.nextStep() == null ? "" : "<p>Next: " + Html.text(notice.nextStep()) + "</p>") + "</div>";
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

    private static String nextSteps(ProfileOverview.Entry entry, String csrf) {
        StringBuilder steps = new StringBuilder();
        for (ProfileOverview.Shown shown : entry.connections()) {
            if (shown.state().nextStep() != null) {
                steps.append("<code>").append(Html.text(shown.state().nextStep())).append("</code> ")
                        .append(fix(entry.provider(), shown, csrf)).append(' ');
            }
        }
        if (entry.connections().isEmpty()) {
            String name = Html.text(entry.provider().name());
            steps.append("<a href=\"/providers/").append(name).append("#connect\" aria-label=\"Connect ")
                    .append(Html.text(entry.provider().definition().displayName())).append("\">Connect</a> or <code>")
                    .append("authsome login ").append(name).append("</code>");
        }
        return steps.toString().strip();
    }

    /**
     * The button that does a connection's next step from the page: for a connection whose
     * credential expired or was rejected, a login that replaces it (as {@code login --force}, with
     * the scopes it holds); for one whose OAuth client was rejected, the way to remove the
     * provider's connections and client first. Nothing for a connected one.
     */
    static String fix(Provider provider, ProfileOverview.Shown shown, String csrf) {
        String nextStep = shown.state().nextStep();
        if (nextStep == null) {
            return "";
        }
        String name = Html.text(provider.name());
        String connection = Html.text(shown.info().name());
        if (nextStep.startsWith("authsome remove ")) {
            return "<a href=\"/providers/" + name + "/remove\" aria-label=\"Remove " + name
                    + " to log in with a new client\">Remove…</a>";
        }
        String scopes = shown.info().attributes().get("scopes");
        return "<form method=\"post\" action=\"/providers/" + name + "/connect\" class=\"inline\">"
                + Html.csrfField(csrf) + "<input type=\"hidden\" name=\"connection\" value=\"" + connection + "\">"
                + "<input type=\"hidden\" name=\"force\" value=\"yes\">"
                + (scopes == null ? "" : "<input type=\"hidden\" name=\"scopes\" value=\"" + Html.text(scopes) + "\">")
                + "<button type=\"submit\" aria-label=\"Log in again to " + name + " as " + connection
                + "\">Log in again</button></form>";
    }

    /** An expiry the page's script counts down; without script, the time itself. */
    private static String expiry(Instant expiresAt) {
        if (expiresAt == null) {
            return "<span class=\"expiry\">does not expire</span>";
        }
        return "<time class=\"expiry\" datetime=\"" + expiresAt + "\" data-expires=\"" + expiresAt + "\">expires "
                + shown(expiresAt) + "</time>";
    }

    static String time(Instant instant) {
        return instant == null ? "" : "<time datetime=\"" + instant + "\">" + shown(instant) + "</time>";
    }

    /** {@code 2026-12-02 12:13:25 UTC}: to the second, for people. */
    private static String shown(Instant instant) {
        return instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString().replace('T', ' ').replace("Z",
                " UTC");
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
