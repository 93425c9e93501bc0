package io.authsome.ui.internal;

import io.authsome.api.agent.Agent;
import io.authsome.api.agent.Agents;
import io.authsome.api.agent.Grant;
import io.authsome.api.agent.ListedAgent;
import io.authsome.api.agent.NewAgent;
import io.authsome.api.config.Config;
import io.authsome.api.config.Setting;
import io.authsome.api.home.HomeLayout;
import java.util.List;

/** The agents page: the shared proxy's agents, the agent just added with its proxy URL, and the form to add one. */
final class AgentPages {
    /**
     * The add form as it is shown: empty, or as it was sent with why it was refused.
     *
     * @param name  the name typed
     * @param allow the allowed providers typed
     * @param error why the add was refused, or {@code null}
     * @param next  what to do about it, or {@code null}
     */
    record Form(String name, String allow, String error, String next) {
        static final Form EMPTY = new Form("", "", null, null);
    }

    private AgentPages() {
    }

    /**
     * The page: {@code notice} (what the last change did), the agent {@code added} by this session
     * if it has not been shown yet, every agent with a revoke button, and the add form.
     */
    static String agents(List<ListedAgent> agents, Config config, HomeLayout home, String csrf, Notices.Notice notice,
                         NewAgent added, Form form) {
        StringBuilder body = new StringBuilder(Pages.notice(notice)).append("<h1>Agents</h1>");
        if (added != null) {
            body.append(added(added, home));
        }
        body.append("<p class=\"summary\">").append(proxy(config.daemon().proxyPort())).append("</p>");
        if (agents.isEmpty()) {
            body.append("<p>No agents yet.</p>");
        } else {
            body.append("<table class=\"agents\"><caption>Agents of the shared proxy</caption><thead><tr>")
                    .append("<th scope=\"col\">Name</th><th scope=\"col\">Profile</th>")
                    .append("<th scope=\"col\">Allowed providers</th><th scope=\"col\">Created</th>")
                    .append("<th scope=\"col\">Last used</th><th scope=\"col\">Actions</th></tr></thead><tbody>");
            for (ListedAgent listed : agents) {
                Agent agent = listed.agent();
                String name = Html.text(agent.name());
                body.append("<tr><th scope=\"row\">").append(name).append("</th><td>")
                        .append(Html.text(agent.profile())).append("</td><td>").append(grants(agent.grants()))
                        .append("</td><td>").append(Pages.time(agent.created())).append("</td><td>")
                        .append(listed.lastUsed() == null ? "never" : Pages.time(listed.lastUsed()))
                        .append("</td><td class=\"actions\">")
                        .append(Pages.button("/agents/" + name + "/revoke", csrf, "Revoke", "Revoke agent " + name))
                        .append("</td></tr>");
            }
            body.append("</tbody></table>");
        }
        body.append(form(form, config.profile(), csrf));
        return Html.page("Agents", csrf, body.toString());
    }

    /** The new agent's settings, as {@code agent add} prints them: its credential is in the proxy URL, shown only now. */
    private static String added(NewAgent added, HomeLayout home) {
        Agent agent = added.agent();
        StringBuilder settings = new StringBuilder();
        added.httpsProxy().ifPresentOrElse(url -> settings.append("HTTPS_PROXY=").append(Html.text(url.reveal())),
                () -> settings.append("(daemon.proxy_port is 0: the shared proxy is off; set it in ")
                        .append(Html.text(home.config())).append(")"));
        settings.append("\nSSL_CERT_FILE=").append(Html.text(Agents.caBundle(home)))
                .append("\nNODE_EXTRA_CA_CERTS=").append(Html.text(Agents.caFile(home)));
        StringBuilder section = new StringBuilder("<section class=\"added\" aria-labelledby=\"added\">")
                .append("<h2 id=\"added\">Added agent ").append(Html.text(agent.name())).append("</h2><p>Profile ")
                .append(Html.text(agent.profile())).append("; allowed: ").append(agent.grants().isEmpty() ? "nothing"
                        : Html.text(String.join(", ", agent.grants().stream().map(Grant::toString).toList())))
                .append(". Its credential is in the proxy URL below, shown only now: authsome keeps only a hash of it.")
                .append(" Give the agent these settings:</p><pre class=\"settings\"><code>").append(settings)
                .append("</code></pre>");
        if (!added.warnings().isEmpty()) {
            section.append("<ul class=\"warnings\">");
            added.warnings().forEach(warning -> section.append("<li>warning: ").append(Html.text(warning)).append("</li>"));
            section.append("</ul>");
        }
        return section.append("</section>").toString();
    }

    private static String proxy(Setting<Integer> port) {
        if (port.problem() != null) {
            return "The shared proxy does not run: " + Html.text(port.problem()) + ". Next: <code>"
                    + Html.text(port.fix()) + "</code>";
        }
        if (port.value() == 0) {
            return "The shared proxy is off (<code>daemon.proxy_port</code> is 0): agents added here can use it once"
                    + " it is set.";
        }
        return "Long-running agents reach provider APIs through the daemon's shared proxy on <code>127.0.0.1:"
                + port.value() + "</code> with credentials of their own; each gets only the providers it is allowed.";
    }

    /** Each grant linking to its provider's page; {@code none} without any. */
    private static String grants(List<Grant> grants) {
        if (grants.isEmpty()) {
            return "none";
        }
        StringBuilder links = new StringBuilder("<ul class=\"grants\">");
        for (Grant grant : grants) {
            links.append("<li><a href=\"/providers/").append(Html.text(grant.provider())).append("\">")
                    .append(Html.text(grant)).append("</a></li>");
        }
        return links.append("</ul>").toString();
    }

    private static String form(Form form, String profile, String csrf) {
        StringBuilder html = new StringBuilder("<h2 id=\"add\">Add an agent</h2>");
        if (form.error() != null) {
            html.append("<div class=\"error\" role=\"alert\"><p>Not added: ").append(Html.text(form.error()))
                    .append("</p>").append(form.next() == null ? ""
                            : "<p>Next: <code>" + Html.text(form.next()) + "</code></p>").append("</div>");
        }
        return html.append("<form method=\"post\" action=\"/agents/add\" class=\"add-agent\" aria-labelledby=\"add\">")
                .append(Html.csrfField(csrf))
                .append(field("name", "Name", form.name(), "Lower-case letters, digits, '.', '_' and '-': the user of"
                        + " its proxy URL.", " required"))
                .append(field("allow", "Allowed providers", form.allow(), "Comma-separated, as agent add --allow takes"
                        + " them: github,openai=work (a provider: its default connection; provider=connection: that"
                        + " one), in profile " + profile + ". None: its requests carry no credential.", ""))
                .append("<button type=\"submit\">Add agent</button></form>").toString();
    }

    private static String field(String name, String label, String value, String hint, String attributes) {
        String id = "agent-" + name;
        return "<p><label for=\"" + id + "\">" + Html.text(label) + "</label> <input type=\"text\" id=\"" + id
                + "\" name=\"" + name + "\" value=\"" + Html.text(value) + "\" aria-describedby=\"" + id + "-hint\""
                + " autocomplete=\"off\" spellcheck=\"false\"" + attributes + "> <span class=\"hint\" id=\"" + id
                + "-hint\">" + Html.text(hint) + "</span></p>";
    }
}
