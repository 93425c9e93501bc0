package io.authsome.console.internal;

import java.io.InputStream;
import java.io.PrintStream;

/**
 * The process's standard streams and whether a person is at them.
 *
 * @param in          standard input
 * @param out         results
 * @param err         diagnostics, progress and human-readable errors
 * @param interactive whether standard input and output are a terminal
 */
record Terminal(InputStream in, PrintStream out, PrintStream err, boolean interactive) {
    static Terminal system() {
        return new Terminal(System.in, System.out, System.err, System.console() != null);
    }
}
