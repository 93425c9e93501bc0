package io.authsome.ui.internal;

import io.authsome.api.provider.AuthType;
import io.authsome.api.provider.OAuthSettings;
import io.authsome.api.provider.Provider;
import io.authsome.common.connection.ProfileOverview;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The pages and forms of a login from the dashboard: the provider page's connect form and its
 * "log in again with more scopes" forms, the one-time form of a question the flow asks, and the
 * page that waits (reloading itself) while the person acts elsewhere.
 */
final class LoginPages {
    /** The connection names the store takes, for the form's own check. */
    static final String CONNECTION_PATTERN = "[A-Za-z0-9][A-Za-z0-9_.\\-]{0,63}";
    /** How often the waiting page reloads. */
    static final int REFRESH_SECONDS = 2;

    private LoginPages() {
    }

    /** The provider page's form that starts a login: connection name, scopes (OAuth), replace. */
    static String connectForm(Provider provider, boolean hasConnections, String csrf) {
        String name = Html.text(provider.name());
        boolean oauth = provider.definition().authType() == AuthType.OAUTH2;
        StringBuilder form = new StringBuilder("<h2 id=\"connect\">").append(hasConnections ? "Connect another" : "Connect")
                .append("</h2><form method=\"post\" action=\"/providers/").append(name)
                .append("/connect\" class=\"connect\" autocomplete=\"off\">").append(Html.csrfField(csrf))
                .append("<p><label for=\"connect-connection\">Connection name</label> <input type=\"text\"")
                .append(" id=\"connect-connection\" name=\"connection\" value=\"").append(hasConnections ? "" : "default")
                .append("\" required pattern=\"").append(CONNECTION_PATTERN).append("\" maxlength=\"64\"></p>");
        if (oauth) {
            OAuthSettings settings = provider.definition().oauth();
            List<String> declared = settings == null || settings.scopes() == null ? List.of() : settings.scopes();
            form.append("<p><label for=\"connect-scopes\">Scopes</label> <input type=\"text\" id=\"connect-scopes\"")
                    .append(" name=\"scopes\" value=\"").append(Html.text(String.join(" ", declared)))
                    .append("\" aria-describedby=\"connect-scopes-hint\"> <span class=\"hint\" id=\"connect-scopes-hint\">")
                    .append("separated by spaces; empty for the provider's</span></p>");
        }
        form.append("<p><label><input type=\"checkbox\" name=\"force\" value=\"yes\"> Replace the connection if it")
                .append(" exists</label></p><p><button type=\"submit\" aria-label=\"Connect ")
                .append(Html.text(provider.definition().displayName())).append("\">Connect</button></p>")
                .append("<p class=\"hint\">")
                .append(oauth ? "The browser goes to " + Html.text(provider.definition().displayName())
                        + " to approve, then comes back here."
                        : provider.definition().authType() == AuthType.PLUGIN
                        ? "A form asks for each of its fields next (a key file by its path on this machine). Each is"
                        + " sent once and secrets are never shown again."
                        : "A form asks for the key next. It is sent once and never shown again.")
                .append("</p></form>");
        return form.toString();
    }

    /** One form per OAuth connection: log in again asking for every scope it is to hold. */
    static String moreScopesForms(Provider provider, List<ProfileOverview.Shown> connections, String csrf) {
        if (provider.definition().authType() != AuthType.OAUTH2 || connections.isEmpty()) {
            return "";
        }
        StringBuilder forms = new StringBuilder("<h2>Log in again with more scopes</h2><p class=\"hint\">List every")
                .append(" scope the connection is to hold. It is replaced when the new tokens arrive, and the old")
                .append(" ones are revoked.</p>");
        for (ProfileOverview.Shown shown : connections) {
            String connection = shown.info().name();
            String id = "scopes-" + Html.text(connection);
            forms.append("<form method=\"post\" action=\"/providers/").append(Html.text(provider.name()))
                    .append("/connections/").append(Html.text(connection)).append("/upgrade\" class=\"scopes\"")
                    .append(" autocomplete=\"off\">").append(Html.csrfField(csrf)).append("<label for=\"").append(id)
                    .append("\">Scopes of ").append(Html.text(connection)).append("</label> <input type=\"text\" id=\"")
                    .append(id).append("\" name=\"scopes\" required value=\"")
                    .append(Html.text(shown.info().attributes().getOrDefault("scopes", "")))
                    .append("\"> <button type=\"submit\" aria-label=\"Log in again to ").append(Html.text(connection))
                    .append(" with these scopes\">Log in again</button></form>");
        }
        return forms.toString();
    }

    /**
     * The question the flow asks now: a password field that posts once. The value is never put
     * back into a page.
     */
    static String question(DashboardLogin login, DashboardLogin.Question question, String csrf) {
        StringBuilder body = new StringBuilder(heading(login)).append(told(login.told()))
                .append("<form method=\"post\" action=\"/login/answer\" class=\"question\" autocomplete=\"off\">")
                .append(Html.csrfField(csrf)).append("<input type=\"hidden\" name=\"question\" value=\"")
                .append(Html.text(question.id())).append("\"><p><label for=\"secret\">").append(Html.text(question.label()))
                .append("</label> <input type=\"password\" id=\"secret\" name=\"secret\" autocomplete=\"off\"")
                .append(" spellcheck=\"false\" autofocus></p><p><button type=\"submit\">Continue</button></p>")
                .append("<p class=\"hint\">Sent once to the login and stored encrypted; never shown again.</p></form>")
                .append(cancel(csrf));
        return Html.page("Connect " + login.displayName(), csrf, body.toString());
    }

    /** While the login waits: for the browser, for a device code; reloads itself until it ends. */
    static String waiting(DashboardLogin login, String csrf, Instant now) {
        StringBuilder body = new StringBuilder(heading(login));
        DashboardLogin.Visit device = login.deviceCode();
        if (device != null) {
            String link = DashboardLogin.webAddress(device.url());
            body.append("<p class=\"device\">Open ").append(link == null ? "<code>" + Html.text(device.url()) + "</code>"
                            : "<a href=\"" + Html.text(link) + "\" target=\"_blank\" rel=\"noopener noreferrer\">"
                            + Html.text(device.url()) + "</a>")
                    .append(" and enter the code <code class=\"user-code\">").append(Html.text(device.userCode()))
                    .append("</code></p>");
        }
        DashboardLogin.Wait wait = login.waiting();
        body.append("<p role=\"status\">");
        if (wait == null) {
            body.append("Working…");
        } else {
            long left = Math.max(0, Duration.between(now, wait.until()).toSeconds());
            body.append("Waiting for ").append(Html.text(wait.description())).append(": ").append(left / 60)
                    .append(" min ").append(left % 60).append(" s left.");
        }
        body.append("</p>").append(told(login.told())).append(cancel(csrf));
        return Html.page("Connect " + login.displayName(), csrf, body.toString(), String.valueOf(REFRESH_SECONDS));
    }

    /**
     * On to where the person approves the login: a page that goes there at once rather than a
     * redirect, which the browser would refuse at the end of a form's submission to another origin
     * ({@code form-action 'self'}).
     */
    static String onTo(DashboardLogin login, String address, String csrf) {
        String body = heading(login) + "<p>Going on to <a href=\"" + Html.text(address) + "\">"
                + Html.text(login.displayName()) + " to approve the login</a>…</p>";
        return Html.page("Connect " + login.displayName(), csrf, body, "0; url=" + address);
    }

    private static String heading(DashboardLogin login) {
        return "<h1>Connecting " + Html.text(login.displayName()) + "</h1><p class=\"summary\">Connection <strong>"
                + Html.text(login.order().connection()) + "</strong> in profile <strong>"
                + Html.text(login.order().profile()) + "</strong>"
                + (login.order().scopes().isEmpty() ? "" : ", scopes " + Html.text(String.join(" ", login.order().scopes())))
                + ".</p>";
    }

    private static String told(List<String> lines) {
        return lines.isEmpty() ? "" : "<pre class=\"told\">" + Html.text(String.join("\n", lines)) + "</pre>";
    }

    private static String cancel(String csrf) {
        return "<form method=\"post\" action=\"/login/cancel\" class=\"inline\">" + Html.csrfField(csrf)
                + "<button type=\"submit\" class=\"danger\" aria-label=\"Cancel the login\">Cancel</button></form>";
    }
}
