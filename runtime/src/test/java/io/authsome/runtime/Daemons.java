package io.authsome.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The end-to-end suite through the daemon ({@code -Dauthsome.it.daemon=true}, the failsafe
 * execution {@code e2e-through-daemon}): before a test's first command on a home, a daemon is
 * started for it, so every command of the test goes through the thin client. The daemons are
 * stopped after each test class (starting one costs more than the commands of a test). Registered
 * for every test class by JUnit's extension auto-detection.
 */
public final class Daemons implements AfterAllCallback {
    /** Whether this run of the suite goes through a daemon. */
    static final boolean THROUGH_DAEMON = Boolean.getBoolean("authsome.it.daemon");
    private static final Set<Path> STARTED = new LinkedHashSet<>();

    /** Starts the daemon of {@code home} unless it runs, with the test's environment. */
    static synchronized void ensure(Path home, Map<String, String> environment) {
        if (!THROUGH_DAEMON || STARTED.contains(home)) {
            return;
        }
        List<String> command = new ArrayList<>(List.of(Authsome.DIST.resolve("bin/authsome").toString(),
                "daemon", "start"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        builder.environment().put("AUTHSOME_HOME", home.toString());
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError("the daemon of " + home + " did not start:\n" + output);
            }
        } catch (IOException e) {
            throw new AssertionError("the daemon of " + home + " did not start", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        STARTED.add(home);
    }

    /** Stops the daemons started so far (SIGTERM, as {@code daemon stop} does from outside). */
    static synchronized void stopAll() {
        for (Path home : STARTED) {
            pid(home).flatMap(ProcessHandle::of).ifPresent(daemon -> {
                daemon.destroy();
                daemon.onExit().orTimeout(30, TimeUnit.SECONDS).exceptionally(e -> null).join();
            });
        }
        STARTED.clear();
    }

    private static Optional<Long> pid(Path home) {
        try {
            return Optional.of(Long.parseLong(Files.readString(home.resolve("run/daemon.pid")).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stopAll();
    }
}
