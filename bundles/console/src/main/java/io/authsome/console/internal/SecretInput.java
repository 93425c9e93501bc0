package io.authsome.console.internal;

import io.authsome.api.home.HomeLayout;
import io.authsome.api.vault.Secret;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
        boolean stdinTerminal = io.person().stdinIsTerminal();
        if (!stdinTerminal && !stdinIsScript) {
            return readLine();
        }
        boolean form = browser && io.person().browserAvailable();
        if (!stdinTerminal) {
            return form ? formAlone(prompt, diagnostics, json ? io.out() : null, home) : Optional.empty();
        }
        Optional<org.jline.terminal.Terminal> terminal = maskable();
        if (terminal.isEmpty()) {
            return io.person().askWithoutEcho(prompt, diagnostics);
        }
        if (form) {
            try (BrowserBridge bridge = BrowserBridge.open(prompt, "A form for it is open in your browser: paste it"
                    + " there, or type it here.", diagnostics, json ? io.out() : null, home, io.person())) {
                return promptBeside(bridge, terminal.get(), prompt, diagnostics);
            } catch (IOException e) {
                diagnostics.println("(the browser form could not start: " + e.getMessage() + ")");
            }
        }
        return prompt(terminal.get(), prompt, diagnostics);
    }

    /**
     * Reads a value that is not secret (an id, a region) as {@link #read} reads a secret, except
     * that the prompt on a terminal shows what is typed (the JDK's line prompt where JLine does not
     * drive the terminal: the daemon's thin client) and no browser form is offered beside it.
     *
     * @param browser whether the browser form may be offered where no terminal can be asked
     */
    synchronized Optional<String> readShown(String prompt, boolean browser, PrintStream diagnostics, boolean json,
                                            HomeLayout home) {
        if (!io.person().stdinIsTerminal()) {
            return read(prompt, browser, diagnostics, json, home).map(Secret::reveal);
        }
        Optional<org.jline.terminal.Terminal> terminal = maskable();
        if (terminal.isEmpty()) {
            return io.person().askShown(prompt);
        }
        try {
            return MaskedPrompt.readShown(terminal.get(), prompt);
        } catch (IOException e) {
            diagnostics.println("(could not read from the terminal: " + e.getMessage() + ")");
            return Optional.empty();
        }
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

    private Optional<Secret> formAlone(String prompt, PrintStream diagnostics, PrintStream events,
                                       HomeLayout home) {
        try (BrowserBridge bridge = BrowserBridge.open(prompt, prompt.strip() + " opening a form in your browser:",
                diagnostics, events, home, io.person())) {
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
        if (keyboard == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(keyboard.terminal()).filter(MaskedPrompt::canHideTyping);
        } catch (IOException e) {
            return Optional.empty();
        }
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
}
