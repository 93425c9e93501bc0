package io.authsome.oauth.internal;

import io.authsome.common.process.Browser;
import io.authsome.api.command.CommandContext;
import io.authsome.api.command.CommandResult;
import io.authsome.common.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Shows a person where to go: the URL always goes to stderr (and, with {@code --json}, to stdout
 * as an {@code authorize} event an agent can hand on); a browser is opened with {@code $BROWSER}
 * or the platform opener, through a private page that keeps the URL out of its command line.
 */
final class BrowserOpener {
    private BrowserOpener() {
    }

    /** Shows {@code url} and, unless {@code noBrowser}, opens it. */
    static Optional<Browser.Page> show(CommandContext context, String event, String url, String userCode,
                                       boolean noBrowser) {
        return show(context, event, url, userCode, noBrowser ? null : url);
    }

    /**
     * Shows {@code url} and opens the browser on {@code browserUrl} (none when {@code null}): an
     * address that leads to {@code url}.
     *
     * @return the page the browser was given, when one was started
     */
    static Optional<Browser.Page> show(CommandContext context, String event, String url, String userCode,
                                       String browserUrl) {
        if (context.json()) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("v", CommandResult.FORMAT_VERSION);
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
        return browserUrl == null ? Optional.empty() : open(browserUrl, context);
    }

    private static Optional<Browser.Page> open(String url, CommandContext context) {
        Optional<Browser.Page> page = Browser.open(url, context.home());
        if (page.isEmpty() && Browser.available()) {
            context.diagnostics().println("(could not start the browser; open the URL yourself)");
        }
        return page;
    }
}
