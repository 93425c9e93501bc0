package io.authsome.oauth.internal;

import io.authsome.api.command.CommandContext;
import io.authsome.api.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
        List<String> command = command();
        if (command.isEmpty()) {
            return;
        }
        command.add(url);
        try {
            new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            context.diagnostics().println("(could not start a browser: " + e.getMessage() + ")");
        }
    }

    private static List<String> command() {
        List<String> command = new ArrayList<>();
        String browser = System.getenv("BROWSER");
        if (browser != null && !browser.isBlank()) {
            command.addAll(List.of(browser.trim().split("\\s+")));
            return command;
        }
        for (String opener : List.of("/usr/bin/xdg-open", "/usr/bin/open")) {
            if (Files.isExecutable(Path.of(opener))) {
                command.add(opener);
                return command;
            }
        }
        return command;
    }
}
