package io.authsome.api.command;

import io.authsome.api.home.HomeLayout;
import java.io.PrintStream;
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
}
