package io.authsome.client.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Which of this process's standard descriptors are a terminal. */
public final class Descriptors {
    private Descriptors() {
    }

    /**
     * Whether descriptor {@code fd} (0, 1 or 2) is a terminal. {@link System#console()} answers
     * for stdin and stdout together only; on Linux the descriptor's target tells each one apart,
     * elsewhere the console is the best guess.
     */
    public static boolean isTerminal(int fd) {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }
}
