package io.authsome.client.process;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;

/**
 * Whether this process was started from inside the child of an {@code authsome run}: one of its
 * ancestors (walked through {@code /proc} on Linux) is a process that marks itself as running a
 * child by keeping a thread named {@value #MARKER_THREAD}.
 * <p>
 * Nothing the child controls takes part: not its environment (which it can change), not the home
 * directory (which {@code --home} changes), not a file (which it can delete). Linux lets a process
 * name only its own threads ({@code /proc/<pid>/task/<tid>/comm} is writable by the thread group
 * alone), and a process cannot change its ancestors. A process that leaves the tree (a double fork
 * with {@code setsid}, a job handed to another service) is no longer recognised; see
 * {@code docs/run.md} for what this does and does not close.
 */
public final class RunAncestry {
    /** The name of the marker thread: at most 15 characters, the length Linux keeps. */
    public static final String MARKER_THREAD = "authsome-run";
    private static final Path PROC = Path.of("/proc");
    private static final int MAX_DEPTH = 64;

    private RunAncestry() {
    }

    /**
     * Marks this process as running a child until the returned handle is closed. Returns once the
     * marker is visible in {@code /proc}, so a child started afterwards always finds it.
     */
    public static Marker mark() {
        CountDownLatch named = new CountDownLatch(1);
        Thread thread = new Thread(new Runnable() { // not a lambda: see SignalForwarding
            @Override
            public void run() {
                named.countDown(); // the JVM names the native thread before run() starts
                while (!Thread.currentThread().isInterrupted()) {
                    LockSupport.park();
                }
            }
        }, MARKER_THREAD);
        thread.setDaemon(true);
        thread.start();
        try {
            named.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new Marker() {
            @Override
            public void close() {
                thread.interrupt();
            }
        };
    }

    /** The marker of one {@code authsome run}; closing it ends the marking. */
    @FunctionalInterface
    public interface Marker extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * The pid of the nearest ancestor of this process that is an {@code authsome run} with its
     * child running, if any. Empty where there is no {@code /proc}.
     */
    public static Optional<Long> runAncestor() {
        return runAncestorOf(ProcessHandle.current().pid());
    }

    /**
     * The pid of the nearest ancestor of process {@code pid} (not the process itself) that is an
     * {@code authsome run} with its child running, if any: how the daemon judges its client.
     */
    public static Optional<Long> runAncestorOf(long pid) {
        Optional<ProcessHandle> current = ProcessHandle.of(pid).flatMap(ProcessHandle::parent);
        for (int depth = 0; depth < MAX_DEPTH && current.isPresent(); depth++) {
            long ancestor = current.get().pid();
            if (ancestor <= 1) {
                break;
            }
            if (marked(ancestor)) {
                return Optional.of(ancestor);
            }
            current = current.get().parent();
        }
        return Optional.empty();
    }

    private static boolean marked(long pid) {
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(PROC.resolve(Long.toString(pid)).resolve("task"))) {
            for (Path task : tasks) {
                try {
                    if (Files.readString(task.resolve("comm")).strip().equals(MARKER_THREAD)) {
                        return true;
                    }
                } catch (IOException e) {
                    // The thread ended meanwhile.
                }
            }
        } catch (IOException e) {
            // The process ended meanwhile, or there is no /proc.
        }
        return false;
    }
}
