package io.authsome.console.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.EnumSet;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.jline.terminal.Attributes;
import org.jline.terminal.Attributes.ControlChar;
import org.jline.terminal.Attributes.InputFlag;
import org.jline.terminal.Attributes.LocalFlag;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.AbstractPosixTerminal;
import org.jline.utils.NonBlockingReader;

/**
 * A prompt on the terminal that reads a secret key by key with echo off, so nothing typed ever
 * appears, and that gives up as soon as the secret arrived another way (the browser form).
 * The terminal's settings are restored however it ends. {@link #readShown} reads a value that is
 * not secret the same way, showing what is typed.
 */
final class MaskedPrompt {
    private static final long POLL_MILLIS = 100;
    private static final int CTRL_C = 3;
    private static final int CTRL_D = 4;
    private static final int BACKSPACE = 8;
    private static final int CTRL_U = 0x15;
    private static final int ESCAPE = 0x1b;
    private static final int DELETE = 0x7f;

    private MaskedPrompt() {
    }

    /** Whether echo can be turned off on {@code terminal} (a real terminal, not JLine's dumb stand-in). */
    static boolean canHideTyping(Terminal terminal) {
        return terminal instanceof AbstractPosixTerminal;
    }

    /**
     * Shows {@code prompt} and reads one line without echo.
     *
     * @param stop checked while waiting: once it is true the prompt ends with no answer
     * @return what was typed; empty for an empty line, Ctrl-C, Ctrl-D, the end of input, or a stop
     */
    static Optional<String> read(Terminal terminal, String prompt, BooleanSupplier stop) throws IOException {
        return read(terminal, prompt, stop, false);
    }

    /**
     * Shows {@code prompt} and reads one line, showing what is typed (a value that is not secret:
     * an id, a region), with the same editing keys as {@link #read}.
     *
     * @return what was typed; empty for an empty line, Ctrl-C, Ctrl-D or the end of input
     */
    static Optional<String> readShown(Terminal terminal, String prompt) throws IOException {
        return read(terminal, prompt, () -> false, true);
    }

    private static Optional<String> read(Terminal terminal, String prompt, BooleanSupplier stop, boolean shown)
            throws IOException {
        Attributes saved = terminal.getAttributes();
        Attributes quiet = new Attributes(saved);
        quiet.setLocalFlags(EnumSet.of(LocalFlag.ECHO, LocalFlag.ECHONL, LocalFlag.ICANON, LocalFlag.IEXTEN,
                LocalFlag.ISIG), false);
        quiet.setInputFlags(EnumSet.of(InputFlag.ICRNL, InputFlag.INLCR, InputFlag.IXON), false);
        quiet.setControlChar(ControlChar.VMIN, 1);
        quiet.setControlChar(ControlChar.VTIME, 0);
        PrintWriter screen = terminal.writer();
        terminal.setAttributes(quiet);
        try {
            screen.print(prompt);
            screen.flush();
            return readLine(terminal.reader(), stop, shown ? screen : null);
        } finally {
            terminal.setAttributes(saved);
            screen.println();
            screen.flush();
        }
    }

    /** @param echo where typed characters and their erasure are shown, or {@code null} to show nothing */
    private static Optional<String> readLine(NonBlockingReader keys, BooleanSupplier stop, PrintWriter echo)
            throws IOException {
        StringBuilder typed = new StringBuilder();
        while (!stop.getAsBoolean()) {
            int key = keys.read(POLL_MILLIS);
            if (key == NonBlockingReader.READ_EXPIRED) {
                continue;
            }
            if (key == NonBlockingReader.EOF || key == CTRL_C || (key == CTRL_D && typed.length() == 0)) {
                return Optional.empty();
            }
            if (key == '\r' || key == '\n') {
                return typed.length() == 0 ? Optional.empty() : Optional.of(typed.toString());
            }
            if (key == BACKSPACE || key == DELETE) {
                erase(echo, Math.min(1, typed.length()));
                typed.setLength(Math.max(0, typed.length() - 1));
            } else if (key == CTRL_U) {
                erase(echo, typed.length());
                typed.setLength(0);
            } else if (key == ESCAPE) {
                skipEscapeSequence(keys);
            } else if (key >= 0x20) {
                typed.append((char) key);
                if (echo != null) {
                    echo.print((char) key);
                    echo.flush();
                }
            }
        }
        return Optional.empty();
    }

    /** Takes the last {@code count} shown characters off the screen. */
    private static void erase(PrintWriter echo, int count) {
        if (echo != null && count > 0) {
            echo.print("\b \b".repeat(count));
            echo.flush();
        }
    }

    /** Drops the rest of an escape sequence (an arrow or function key): it is not part of a secret. */
    private static void skipEscapeSequence(NonBlockingReader keys) throws IOException {
        int next = keys.read(POLL_MILLIS);
        if (next != '[' && next != 'O') {
            return;
        }
        for (int key = keys.read(POLL_MILLIS); key >= 0x20 && key < 0x40; key = keys.read(POLL_MILLIS)) {
            // parameter and intermediate bytes; the final byte (0x40-0x7e) ends the sequence
        }
    }
}
