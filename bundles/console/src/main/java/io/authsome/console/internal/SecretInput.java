package io.authsome.console.internal;

import io.authsome.api.command.Browser;
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
import java.util.Optional;

/**
 * Where commands read secrets from, in the contract's order: one line of standard input when it
 * is not a terminal (unless it carries the script being run); the browser bridge when a browser
 * can be opened; a masked prompt on the terminal. One per process, so that successive reads take
 * successive lines.
 */
final class SecretInput {
    static final Duration BRIDGE_TIMEOUT = Duration.ofMinutes(5);

    private final Terminal io;
    private final boolean stdinIsScript;
    private BufferedReader stdin;

    SecretInput(Terminal io, boolean stdinIsScript) {
        this.io = io;
        this.stdinIsScript = stdinIsScript;
    }

    synchronized Optional<Secret> read(String prompt, boolean browser, PrintStream diagnostics, boolean json) {
        boolean stdinTerminal = stdinIsTerminal();
        if (!stdinTerminal && !stdinIsScript) {
            return readLine();
        }
        if (browser && Browser.available()) {
            try {
                return BrowserBridge.ask(prompt, diagnostics, json, BRIDGE_TIMEOUT);
            } catch (IOException e) {
                diagnostics.println("(the browser form could not start: " + e.getMessage() + ")");
            }
        }
        Console console = System.console();
        if (console != null) {
            char[] typed = console.readPassword("%s", prompt);
            return typed == null || typed.length == 0 ? Optional.empty() : Optional.of(Secret.of(new String(typed)));
        }
        return Optional.empty();
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
