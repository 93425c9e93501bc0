package io.authsome.console.internal;

import java.io.InputStream;
import java.io.PrintStream;

/**
 * The standard streams of one invocation, whether a person is at them, and where that person sits.
 *
 * @param in          standard input
 * @param out         results
 * @param err         diagnostics, progress and human-readable errors
 * @param interactive whether standard input and output are a terminal
 * @param person      their terminal, browser and process tree
 */
public record Terminal(InputStream in, PrintStream out, PrintStream err, boolean interactive, Person person) {
    /** This process's own streams. */
    static Terminal system() {
        return new Terminal(System.in, System.out, System.err, System.console() != null, LocalPerson.INSTANCE);
    }
}
