package io.authsome.client.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This process's id, read where it costs least at start. */
public final class Self {
    private Self() {
    }

    /**
     * The pid: on Linux the target of {@code /proc/self}, which spares the client the start of
     * {@link ProcessHandle} (a reaper thread pool and a lambda, a few milliseconds); elsewhere
     * {@link ProcessHandle#current()}.
     */
    public static long pid() {
        try {
            return Long.parseLong(Files.readSymbolicLink(Path.of("/proc/self")).toString());
        } catch (IOException | NumberFormatException | UnsupportedOperationException | SecurityException e) {
            return ProcessHandle.current().pid();
        }
    }
}
