package io.authsome.console.internal;

import io.authsome.api.command.ChildProcess;
import io.authsome.api.home.HomeLayout;
import io.authsome.api.login.LoginInteraction;
import io.authsome.api.vault.Secret;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the person (or program) driving one invocation sits, beyond its three streams: their
 * terminal, their browser, the process tree they run in. In-process that is this process
 * ({@link LocalPerson}); through the daemon, the thin client at the other end of the socket.
 */
public interface Person {
    /** Whether standard input is a terminal (a secret is then never read as a plain line). */
    boolean stdinIsTerminal();

    /** Whether standard error is a terminal (where a countdown may redraw its line). */
    boolean stderrIsTerminal();

    /** Whether a browser can really open where the person is. */
    boolean browserAvailable();

    /**
     * Opens {@code url} in the person's browser without waiting for it.
     *
     * @return what to close once the browser loaded it; empty when no browser could be started
     */
    Optional<LoginInteraction.OpenedBrowser> openBrowser(String url, HomeLayout home);

    /**
     * Asks {@code prompt} on the person's terminal with echo off (the JDK's password prompt).
     *
     * @return what was typed; empty when nothing was, or when echo cannot be turned off there
     *         (said on {@code diagnostics})
     */
    Optional<Secret> askWithoutEcho(String prompt, PrintStream diagnostics);

    /**
     * Asks {@code prompt} on the person's terminal with echo on (the JDK's line prompt), for a
     * value that is not secret.
     *
     * @return what was typed; empty when nothing was, or when there is no terminal
     */
    Optional<String> askShown(String prompt);

    /** Starts the program of an {@code authsome run} where the person is (see {@code CommandContext#startChild}). */
    ChildProcess startChild(List<String> command, Map<String, String> environment, Path directory) throws IOException;

    /**
     * Why this invocation may not reveal or change a secret, if it may not: it comes from inside
     * an {@code authsome run} child's process tree, or from a peer the daemon cannot trust as the
     * person.
     */
    Optional<Confinement> confinement();

    /**
     * @param where  how the refusal names the caller's place, e.g. {@code inside 'authsome run' (process 42)}
     * @param runPid the {@code authsome run} the caller descends from, if that is the reason
     */
    record Confinement(String where, Long runPid) {
        public static Confinement insideRun(long pid) {
            return new Confinement("inside 'authsome run' (process " + pid + ")", pid);
        }
    }
}
