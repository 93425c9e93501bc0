package io.authsome.console.internal;

import io.authsome.api.vault.Secret;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Where commands read secrets from: a masked prompt when a person is at a terminal, else one line
 * of standard input, unless standard input carries the script being run. One per process, so
 * that successive reads take successive lines.
 */
final class SecretInput {
    private final Terminal io;
    private final boolean stdinIsScript;
    private BufferedReader stdin;

    SecretInput(Terminal io, boolean stdinIsScript) {
        this.io = io;
        this.stdinIsScript = stdinIsScript;
    }

    synchronized Optional<Secret> read(String prompt) {
        Console console = System.console();
        if (console != null) {
            char[] typed = console.readPassword("%s", prompt);
            return typed == null || typed.length == 0 ? Optional.empty() : Optional.of(Secret.of(new String(typed)));
        }
        if (stdinIsScript) {
            return Optional.empty();
        }
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
