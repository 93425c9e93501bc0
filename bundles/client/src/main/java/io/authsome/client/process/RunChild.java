package io.authsome.client.process;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The program of an {@code authsome run}, started by the process the person started: it shares
 * their terminal and working directory, receives the signals they send (see {@link
 * SignalForwarding}), and this process is marked as running it ({@link RunAncestry}) until it
 * ends, so that an {@code authsome} started inside it is recognised. Used in-process by the run
 * command and by the thin client for a run whose proxy lives in the daemon.
 */
public final class RunChild implements AutoCloseable {
    private final Process process;
    private final SignalForwarding signals;
    private final RunAncestry.Marker marker;

    private RunChild(Process process, SignalForwarding signals, RunAncestry.Marker marker) {
        this.process = process;
        this.signals = signals;
        this.marker = marker;
    }

    /**
     * Starts {@code command} with exactly {@code environment}, in {@code directory}, on this
     * process's standard streams.
     *
     * @param onTerminal whether the person is at a terminal (Ctrl-C then reaches the child directly)
     */
    public static RunChild start(List<String> command, Map<String, String> environment, Path directory,
                                 boolean onTerminal) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO().directory(directory.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        SignalForwarding signals = SignalForwarding.install(onTerminal);
        RunAncestry.Marker marker = RunAncestry.mark();
        try {
            Process process = builder.start();
            signals.forwardTo(process);
            return new RunChild(process, signals, marker);
        } catch (IOException | RuntimeException e) {
            marker.close();
            signals.close();
            throw e;
        }
    }

    public long pid() {
        return process.pid();
    }

    /** Waits for the child; an interrupt asks it to end (SIGTERM) and the wait goes on: the child decides. */
    public int waitFor() {
        while (true) {
            try {
                return process.waitFor();
            } catch (InterruptedException e) {
                process.destroy();
            }
        }
    }

    public void destroy() {
        process.destroy();
    }

    /** Ends the marking and gives the signals back to this process. */
    @Override
    public void close() {
        marker.close();
        signals.close();
    }
}
