package io.authsome.console.internal;

import io.authsome.api.home.HomeLayout;
import io.authsome.api.vault.Secret;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Where commands read secrets from, in the contract's order: one line of standard input when it
 * is not a terminal (unless it carries the script being run); else, on a terminal, a masked
 * prompt that is always open, with the browser form offered beside it when a browser can really
 * open (the first answer wins); the form alone when standard input carries the script. One per
 * process, so that successive reads take successive lines.
 */
final class SecretInput {
    /** How long the form waits when it is the only way to answer. */
    static final Duration BRIDGE_TIMEOUT = Duration.ofMinutes(5);

    private final Terminal io;
    private final Keyboard keyboard;
    private final boolean stdinIsScript;
    private BufferedReader stdin;

    SecretInput(Terminal io, Keyboard keyboard, boolean stdinIsScript) {
        this.io = io;
        this.keyboard = keyboard;
        this.stdinIsScript = stdinIsScript;
    }

    /**
     * @param browser whether the browser form may be offered ({@code false} for {@code --no-browser})
     * @param home    where the page handed to the browser is written
     */
    synchronized Optional<Secret> read(String prompt, boolean browser, PrintStream diagnostics, boolean json,
                                       HomeLayout home) {
        boolean stdinTerminal = stdinIsTerminal();
        if (!stdinTerminal && !stdinIsScript) {
            return readLine();
        }
        boolean form = browser && Browser.available(io.environment());
        if (!stdinTerminal) {
            return form ? formAlone(prompt, diagnostics, json ? io.out() : null, home, io.environment())
                    : Optional.empty();
        }
        Optional<org.jline.terminal.Terminal> terminal = maskable();
        if (terminal.isEmpty()) {
            return consolePrompt(prompt, diagnostics);
        }
        if (form) {
            try (BrowserBridge bridge = BrowserBridge.open(prompt, "A form for it is open in your browser: paste it"
                    + " there, or type it here.", diagnostics, json ? io.out() : null, home, io.environment())) {
                return promptBeside(bridge, terminal.get(), prompt, diagnostics);
            } catch (IOException e) {
                diagnostics.println("(the browser form could not start: " + e.getMessage() + ")");
            }
        }
        return prompt(terminal.get(), prompt, diagnostics);
    }

    /** The masked prompt, open until something is typed or the form is answered. */
    private Optional<Secret> promptBeside(BrowserBridge bridge, org.jline.terminal.Terminal terminal, String prompt,
                                          PrintStream diagnostics) {
        Optional<String> typed;
        try {
            typed = MaskedPrompt.read(terminal, prompt, () -> bridge.answered() || bridge.discarded());
        } catch (IOException e) {
            diagnostics.println("(could not read from the terminal: " + e.getMessage() + "; waiting for the form)");
            return bridge.await(BRIDGE_TIMEOUT);
        }
        if (bridge.answered()) {
            diagnostics.println("(received from the browser form)");
            return bridge.await(Duration.ZERO);
        }
        if (bridge.discarded()) {
            diagnostics.println("The form was opened twice (another program may have read its address): it was"
                    + " closed and nothing from it is used. Type the value here instead.");
            return prompt(terminal, prompt, diagnostics);
        }
        return typed.map(Secret::of);
    }

    private Optional<Secret> prompt(org.jline.terminal.Terminal terminal, String prompt, PrintStream diagnostics) {
        try {
            return MaskedPrompt.read(terminal, prompt, () -> false).map(Secret::of);
        } catch (IOException e) {
            diagnostics.println("(could not read from the terminal: " + e.getMessage() + ")");
            return Optional.empty();
        }
    }

    private static Optional<Secret> formAlone(String prompt, PrintStream diagnostics, PrintStream events,
                                              HomeLayout home, Map<String, String> env) {
        try (BrowserBridge bridge = BrowserBridge.open(prompt, prompt.strip() + " opening a form in your browser:",
                diagnostics, events, home, env)) {
            Optional<Secret> answer = bridge.await(BRIDGE_TIMEOUT);
            if (bridge.discarded()) {
                diagnostics.println("The form was opened twice (another program may have read its address): nothing"
                        + " from it was used. Run the command again.");
            }
            return answer;
        } catch (IOException e) {
            diagnostics.println("(the browser form could not start: " + e.getMessage() + ")");
            return Optional.empty();
        }
    }

    /** The JLine terminal, when typing on it can be hidden. */
    private Optional<org.jline.terminal.Terminal> maskable() {
        try {
            return Optional.of(keyboard.terminal()).filter(MaskedPrompt::canHideTyping);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The JDK's password prompt, for a terminal that JLine cannot drive ({@code TERM=dumb}): it
     * turns echo off too, but cannot be cancelled, so no form is offered beside it. A terminal
     * whose echo cannot be turned off is never read.
     */
    private static Optional<Secret> consolePrompt(String prompt, PrintStream diagnostics) {
        Console console = System.console();
        if (console == null) {
            diagnostics.println("(cannot turn off echo on this terminal, so a secret is not asked here)");
            return Optional.empty();
        }
        char[] typed = console.readPassword("%s", prompt);
        return typed == null || typed.length == 0 ? Optional.empty() : Optional.of(Secret.of(new String(typed)));
    }

    private Optional<Secret> readLine() {
        try {
            if (stdin == null) {
                stdin = new BufferedReader(new InputStreamReader(io.in(), StandardCharsets.UTF_8));
            }
            String line = stdin.readLine();
            return line == null || line.isEmpty() ? Optional.empty() : Optional.of(Secret.of(line));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether standard input is a terminal, even when standard output is redirected (where
     * {@link System#console()} says no): a terminal must never be read as a plain line, which
     * would echo the secret.
     */
    private static boolean stdinIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/0")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException e) {
            return System.console() != null;
        }
    }
}
