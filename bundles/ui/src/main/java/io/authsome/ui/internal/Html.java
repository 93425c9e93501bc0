package io.authsome.ui.internal;

/**
 * The pages' HTML: every text from elsewhere (provider definitions, connection names, errors)
 * goes through {@link #text}, and every page through {@link #page}, which links the one
 * stylesheet and the one script (no inline script or style: the content security policy
 * forbids them).
 */
final class Html {
    private Html() {
    }

    /** {@code value} escaped for an element's text or a quoted attribute. */
    static String text(Object value) {
        String raw = String.valueOf(value);
        StringBuilder out = new StringBuilder(raw.length() + 16);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * A whole page: {@code title}, the navigation, and a sign-out form when {@code csrf} (the
     * session's token) is given.
     */
    static String page(String title, String csrf, String body) {
        return page(title, csrf, body, null, false);
    }

    /**
     * A whole page, as {@link #page(String, String, String)}; with {@code chart}, it also loads the
     * chart library and the activity page's script.
     */
    static String page(String title, String csrf, String body, boolean chart) {
        return page(title, csrf, body, null, chart);
    }

    /**
     * A whole page with a {@code meta} refresh (which needs no script): {@code "2"} reloads it every
     * two seconds, a page that waits for something to end; {@code "0; url=..."} goes on to another
     * address at once; {@code null} for none.
     */
    static String page(String title, String csrf, String body, String refresh) {
        return page(title, csrf, body, refresh, false);
    }

    private static String page(String title, String csrf, String body, String refresh, boolean chart) {
        StringBuilder html = new StringBuilder(body.length() + 1024);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        if (refresh != null) {
            html.append("<meta http-equiv=\"refresh\" content=\"").append(text(refresh)).append("\">");
        }
        html.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(text(title)).append(" · authsome</title>")
                .append("<link rel=\"stylesheet\" href=\"/static/ui.css\">");
        if (chart) {
            html.append("<link rel=\"stylesheet\" href=\"/static/vendor/uplot/uPlot.min.css\">")
                    .append("<script src=\"/static/vendor/uplot/uPlot.iife.min.js\" defer></script>")
                    .append("<script src=\"/static/activity.js\" defer></script>");
        }
        html.append("<script src=\"/static/ui.js\" defer></script></head><body>")
                .append("<header><a class=\"brand\" href=\"/\">authsome</a>");
        if (csrf != null) {
            html.append("<nav aria-label=\"Pages\"><a href=\"/\">Overview</a> <a href=\"/activity\">Activity</a>")
                    .append(" <a href=\"/agents\">Agents</a> <a href=\"/health\">Health</a></nav>")
                    .append("<form method=\"post\" action=\"/signout\" class=\"signout\">")
                    .append(csrfField(csrf))
                    .append("<button type=\"submit\">Sign out</button></form>");
        }
        html.append("</header><main>").append(body).append("</main></body></html>\n");
        return html.toString();
    }

    /** The hidden field every form of a signed-in page posts. */
    static String csrfField(String csrf) {
        return "<input type=\"hidden\" name=\"csrf\" value=\"" + text(csrf) + "\">";
    }
}
