package io.authsome.store.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A second JVM running {@link VaultChild} on the test class path: another process using the same
 * vault, which can be killed with SIGKILL. Standard output is collected line by line as it comes.
 */
final class ChildJvm implements AutoCloseable {
    /** Set for children; a passphrase the parent happens to have must not leak into them. */
    static final String PASSPHRASE = Unlocker.PASSPHRASE_ENV;

    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private final StringBuilder errors = new StringBuilder();
    private final Thread outReader;
    private final Thread errReader;

    private ChildJvm(Process process) {
        this.process = process;
        outReader = drain(process.getInputStream(), line -> {
            synchronized (lines) {
                lines.add(line);
                lines.notifyAll();
            }
        });
        errReader = drain(process.getErrorStream(), line -> {
            synchronized (errors) {
                errors.append(line).append('\n');
            }
        });
    }

    /**
     * Starts {@code VaultChild args...}; {@code env} is added to the environment, with
     * {@value #PASSPHRASE} removed unless {@code env} sets it.
     */
    static ChildJvm start(Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElseThrow(),
                "-XX:+UseSerialGC", "-Xshare:auto", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"),
                VaultChild.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove(PASSPHRASE);
        builder.environment().remove(VaultChild.NEW_PASSPHRASE);
        builder.environment().putAll(env);
        try {
            return new ChildJvm(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for a line matching {@code test}; fails when the child exits first or on timeout. */
    String awaitLine(Predicate<String> test, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int seen = 0;
        synchronized (lines) {
            while (true) {
                for (; seen < lines.size(); seen++) {
                    if (test.test(lines.get(seen))) {
                        return lines.get(seen);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || (!process.isAlive() && !outReader.isAlive())) {
                    throw new AssertionError("child never printed the expected line; exit "
                            + (process.isAlive() ? "none yet" : process.exitValue()) + ", stdout " + lines
                            + ", stderr:\n" + stderr());
                }
                lines.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 50)));
            }
        }
    }

    String awaitLine(String prefix, Duration timeout) throws InterruptedException {
        return awaitLine(line -> line.startsWith(prefix), timeout);
    }

    void println(String line) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** SIGKILL, then waits until it is gone and its output is read to the end. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
        outReader.join(10_000);
        errReader.join(10_000);
    }

    /** Waits for a normal exit; kills the child and fails on timeout. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            kill();
            throw new AssertionError("child did not finish in " + timeout + "; stdout " + lines() + ", stderr:\n"
                    + stderr());
        }
        outReader.join(10_000);
        errReader.join(10_000);
        return process.exitValue();
    }

    /** Waits for exit code 0, failing with the child's output otherwise. */
    void awaitSuccess(Duration timeout) throws InterruptedException {
        int code = awaitExit(timeout);
        if (code != 0) {
            throw new AssertionError("child exited with " + code + "; stdout " + lines() + ", stderr:\n" + stderr());
        }
    }

    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    String stderr() {
        synchronized (errors) {
            return errors.toString();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    private static Thread drain(InputStream stream, java.util.function.Consumer<String> sink) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    sink.accept(line);
                }
            } catch (IOException e) {
                // The child is gone.
            }
        }, "child-output");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
