package io.authsome.api.command;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The program an {@code authsome run} started for the person (see
 * {@link CommandContext#startChild}).
 *
 * @since 3.2
 */
@ProviderType
public interface ChildProcess extends AutoCloseable {
    /** Its process id, which the proxy admits without credentials. */
    long pid();

    /**
     * Waits until it ends. An interrupt asks it to end (SIGTERM) and the wait goes on: the child
     * decides when the run ends.
     *
     * @return its exit code
     */
    int waitFor();

    /** Releases what was held for it once it ended (signal handlers, the run marking). */
    @Override
    void close();
}
