package io.authsome.console.internal;

import java.io.IOException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The process's terminal as JLine sees it, built on first use and shared: the interactive
 * console's line editor and the masked prompt read the same keyboard, so a key typed after a
 * prompt was cancelled reaches the next reader instead of being lost to a second one.
 */
final class Keyboard implements AutoCloseable {
    private Terminal terminal;

    /**
     * The terminal for the interactive console, where JLine also takes the signals (Ctrl-C at
     * the console's prompt clears the line).
     */
    synchronized Terminal console() throws IOException {
        if (terminal == null) {
            terminal = build(true);
        }
        return terminal;
    }

    /**
     * The terminal for a prompt (a dumb one when no real terminal can be had). Built for a
     * one-shot command, it leaves the signals to the JVM, so Ctrl-C during the rest of the
     * command ends it as usual.
     */
    synchronized Terminal terminal() throws IOException {
        if (terminal == null) {
            terminal = build(false);
        }
        return terminal;
    }

    /**
     * JLine finds its terminal providers through the thread context class loader; inside OSGi
     * that must be JLine's own loader or it silently falls back to a dumb terminal.
     */
    private static Terminal build(boolean signals) throws IOException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(TerminalBuilder.class.getClassLoader());
        try {
            // dumb(true): where no real terminal can be had, a dumb one without JLine's warning.
            return TerminalBuilder.builder().system(true).dumb(true).nativeSignals(signals).build();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Override
    public synchronized void close() {
        if (terminal != null) {
            try {
                terminal.close();
            } catch (IOException e) {
                // The process is ending; the terminal's settings were restored by the last reader.
            }
            terminal = null;
        }
    }
}
