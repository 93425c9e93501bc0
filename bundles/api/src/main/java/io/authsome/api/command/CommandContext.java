package io.authsome.api.command;

import io.authsome.api.home.HomeLayout;
import io.authsome.api.login.LoginInteraction;
import io.authsome.api.vault.Secret;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** What the console tells a command about the invocation: global options and where to talk. */
@ProviderType
public interface CommandContext {
    /** {@code --json}: the result will be printed as one JSON document. */
    boolean json();

    /** {@code --quiet}: print nothing but the result and errors. */
    boolean quiet();

    /** {@code --verbose}: print round trips (secrets redacted) to {@link #diagnostics()}. */
    boolean verbose();

    /** The profile chosen with {@code --profile}, or the active one. */
    String profile();

    /**
     * The home directory of this invocation ({@code --home} or {@code AUTHSOME_HOME}, default
     * {@code ~/.authsome}) and where each kind of file lives in it.
     */
    HomeLayout home();

    /**
     * Where progress, warnings and prompts go (standard error), so that standard output carries
     * only the result.
     */
    PrintStream diagnostics();

    /**
     * Reads one secret from the person or program driving the command, never from the command
     * line: one line of standard input when it is not a terminal (and not the script being run);
     * else, on a terminal, a masked prompt that never echoes, with the browser bridge (a one-time
     * form on 127.0.0.1) offered beside it when a browser can really open and {@code browser}
     * allows it, the first answer winning; the form alone when standard input carries the script.
     *
     * @param prompt  what to ask, e.g. {@code "OpenAI API key: "}
     * @param browser whether the browser bridge may be used ({@code false} for {@code --no-browser})
     * @return the secret, or empty when none was given (an empty line, end of input, no way to ask)
     */
    Optional<Secret> readSecret(String prompt, boolean browser);

    /** {@link #readSecret(String, boolean)} with the browser bridge allowed. */
    default Optional<Secret> readSecret(String prompt) {
        return readSecret(prompt, true);
    }

    /**
     * Writes one line of output that cannot wait for the result (standard output), at once: the
     * lines of a command whose output is a stream ({@code log --follow}), each a JSON document with
     * {@code --json}. A command never writes to {@code System.out} itself.
     *
     * @param line the line, without a line break
     * @since 3.1
     */
    void emit(String line);

    /**
     * The invocation as a login flow sees it: addresses to visit, values to ask for, progress and
     * the {@code --verbose} trace, served by the console for this invocation.
     *
     * @since 3.1
     */
    LoginInteraction loginInteraction();

    /**
     * Starts the program of an {@code authsome run} where the person is: on their terminal, in
     * their working directory, receiving the signals they send, with exactly
     * {@code environment}. In-process that is this process; through a daemon, the thin client
     * the person started, while the proxy stays in the daemon.
     *
     * @param command     the program and its arguments
     * @param environment the child's whole environment
     * @param directory   its working directory
     * @return the running child
     * @throws java.io.IOException when it cannot be started (no such program, not executable)
     * @since 3.2
     */
    ChildProcess startChild(List<String> command, Map<String, String> environment, Path directory)
            throws java.io.IOException;
}
