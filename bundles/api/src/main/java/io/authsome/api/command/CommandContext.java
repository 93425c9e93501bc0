package io.authsome.api.command;

import io.authsome.api.home.HomeLayout;
import io.authsome.api.vault.Secret;
import java.io.PrintStream;
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

    HomeLayout home();

    /**
     * Where progress, warnings and prompts go (standard error), so that standard output carries
     * only the result.
     */
    PrintStream diagnostics();

    /**
     * Reads one secret from the person or program driving the command: a masked prompt on a
     * terminal, else one line of standard input (when standard input is not the script being
     * run). Never from the command line.
     *
     * @param prompt what to ask, e.g. {@code "OpenAI API key: "}
     * @return the secret, or empty when none was given (an empty line, end of input, no way to ask)
     */
    Optional<Secret> readSecret(String prompt);
}
