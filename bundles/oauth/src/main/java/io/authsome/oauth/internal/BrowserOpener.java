package io.authsome.oauth.internal;

import io.authsome.api.command.Browser;
import io.authsome.api.command.CommandContext;
import io.authsome.api.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Shows a person where to go: the URL always goes to stderr (and, with {@code --json}, to stdout
 * as an {@code authorize} event an agent can hand on); a browser is opened with {@code $BROWSER}
 * (the URL as its last argument) or the platform opener, unless told not to.
 */
final class BrowserOpener {
    private BrowserOpener() {
    }

    static void show(CommandContext context, String event, String url, String userCode, boolean noBrowser) {
        if (context.json()) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("event", event);
            line.put("url", url);
            if (userCode != null) {
                line.put("user_code", userCode);
            }
            System.out.println(Json.writeLine(line));
            System.out.flush();
        }
        context.diagnostics().println("Open this URL to log in:\n  " + url);
        if (userCode != null) {
            context.diagnostics().println("and enter the code: " + userCode);
        }
        if (!noBrowser) {
            open(url, context);
        }
    }

    private static void open(String url, CommandContext context) {
        if (!Browser.open(url) && Browser.available()) {
            context.diagnostics().println("(could not start the browser; open the URL yourself)");
        }
    }
}
