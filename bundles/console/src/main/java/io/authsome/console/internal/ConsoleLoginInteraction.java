package io.authsome.console.internal;

import io.authsome.api.command.CommandResult;
import io.authsome.api.login.LoginInteraction;
import io.authsome.api.vault.Secret;
import io.authsome.common.json.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The console's side of a login: the address to visit always goes to stderr (and, with
 * {@code --json}, to stdout as an event an agent can hand on); a browser is opened with
 * {@code $BROWSER} or the platform opener, through a private page that keeps the address out of
 * its command line; values are read as {@link CommandContextImpl#readSecret} reads secrets, and
 * those that are not secret shown as they are typed ({@link SecretInput#readShown}).
 */
record ConsoleLoginInteraction(CommandContextImpl context) implements LoginInteraction {
    @Override
    public Optional<OpenedBrowser> visit(String event, String url, String userCode, String browserUrl) {
        if (context.json()) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("v", CommandResult.FORMAT_VERSION);
            line.put("event", event);
            line.put("url", url);
            if (userCode != null) {
                line.put("user_code", userCode);
            }
            context.emit(Json.writeLine(line));
        }
        tell("Open this URL to log in:\n  " + url);
        if (userCode != null) {
            tell("and enter the code: " + userCode);
        }
        if (browserUrl == null) {
            return Optional.empty();
        }
        Person person = context.io().person();
        Optional<OpenedBrowser> page = person.openBrowser(browserUrl, context.home());
        if (page.isEmpty() && person.browserAvailable()) {
            tell("(could not start the browser; open the URL yourself)");
        }
        return page;
    }

    @Override
    public Optional<Secret> askSecret(String prompt, boolean browserForm) {
        return context.readSecret(prompt, browserForm);
    }

    @Override
    public Optional<String> ask(String prompt, boolean browserForm) {
        return context.secrets().readShown(prompt, browserForm, context.diagnostics(), context.json(), context.home());
    }

    @Override
    public boolean attended() {
        return !context.json() && context.io().interactive();
    }

    @Override
    public void tell(String text) {
        context.diagnostics().println(text);
    }

    @Override
    public Waiting waiting(String waitingFor, String description, Duration timeout) {
        return LoginProgress.start(context, waitingFor, description, timeout);
    }

    @Override
    public boolean verbose() {
        return context.verbose();
    }

    @Override
    public void trace(String line) {
        context.diagnostics().println(line);
    }

    @Override
    public Map<String, String> environment() {
        return context.environment();
    }

    @Override
    public Optional<Secret> secretVariable(String name) {
        return context.secretVariable(name);
    }

    @Override
    public Optional<Path> workingDirectory() {
        return Optional.of(context.workingDirectory());
    }
}
