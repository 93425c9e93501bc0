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

/**
 * What the console tells a command about the invocation: global options, where to talk, and the
 * environment and working directory of whoever invoked it. A command reads the invocation's state
 * only here, never from its own process ({@code System.getenv}, {@code user.dir},
 * {@code System.console()}): in a long-lived runtime the command runs on behalf of a client
 * whose environment and directory are not the runtime's.
 */
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
     * The environment variables of the invocation: those of the process that ran {@code authsome}
     * (the provider {@code env_var}s, {@code BROWSER}, the proxy variables, ...). The
     * {@link io.authsome.api.credential.SecretVariables} are not read from here but with
     * {@link #secretVariable(String)}.
     *
     * @return an unmodifiable map, name to value
     * @since 3.2
     */
    Map<String, String> environment();

    /**
     * The working directory of the invocation, against which relative paths on the command line
     * ({@code register ./provider.json}, {@code scan --dir src}) are resolved: a command resolves
     * them with {@code workingDirectory().resolve(path)}, never with {@code Path.toAbsolutePath()}.
     *
     * @return an absolute path
     * @since 3.2
     */
    Path workingDirectory();

    /**
     * Whether a person is at the invocation's terminal (standard input and output are a
     * terminal), as {@code System.console() != null} answers for a process of its own: a command
     * asks a value twice, or forwards terminal signals, only then.
     *
     * @since 3.2
     */
    boolean interactive();

    /**
     * One of the {@link io.authsome.api.credential.SecretVariables} through which the invocation
     * hands authsome a secret ({@code AUTHSOME_NEW_PASSPHRASE}, {@code AUTHSOME_CLIENT_SECRET},
     * ...), as the launcher or a client handed it over; never a plain environment variable.
     *
     * @param name the variable, one of {@link io.authsome.api.credential.SecretVariables#ALL}
     * @return its value, or empty when it was not set, was empty, or is not one of them
     * @since 3.2
     */
    Optional<Secret> secretVariable(String name);

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
