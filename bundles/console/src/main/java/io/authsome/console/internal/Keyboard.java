package io.authsome.console.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The process's terminal as JLine sees it, built on first use and shared: the interactive
 * console's line editor and the masked prompt read the same keyboard, so a key typed after a
 * prompt was cancelled reaches the next reader instead of being lost to a second one.
 */
final class Keyboard implements AutoCloseable {
    private Terminal terminal;

    /** The system terminal (a dumb one when standard input is not a terminal). */
    synchronized Terminal terminal() throws IOException {
        if (terminal == null) {
            terminal = build();
        }
        return terminal;
    }

    /**
     * JLine finds its terminal providers through the thread context class loader; inside OSGi
     * that must be JLine's own loader or it silently falls back to a dumb terminal.
     */
    private static Terminal build() throws IOException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(TerminalBuilder.class.getClassLoader());
        try {
            return TerminalBuilder.builder().system(true).build();
        } catch (UncheckedIOException e) {
            throw e.getCause();
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
