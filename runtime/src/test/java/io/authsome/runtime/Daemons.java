package io.authsome.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    /** The daemons started, by home: their pids are kept, since a test's home may be deleted before they stop. */
    private static final Map<Path, Long> STARTED = new LinkedHashMap<>();

    /**
     * Starts the daemon of {@code home} unless it runs, with the test's environment: {@code daemon
     * serve} directly, detached, as {@code daemon start} would (DaemonIT tests {@code start} itself),
     * and waits until its pid file and socket are there.
     */
    static synchronized void ensure(Path home, Map<String, String> environment) {
        if (!THROUGH_DAEMON || STARTED.containsKey(home)) {
            return;
        }
        List<String> command = new ArrayList<>(List.of("setsid", Authsome.DIST.resolve("bin/authsome").toString(),
                "daemon", "serve"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(environment);
        builder.environment().put("AUTHSOME_HOME", home.toString());
        try {
            Path log = home.resolve("logs/daemon.log");
            if (!Files.exists(log)) { // as daemon start makes them: private
                Files.createDirectories(log.getParent(), PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
                Files.createFile(log, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            builder.redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("logs/daemon.log").toFile()));
            Process process = builder.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!(Files.exists(home.resolve("run/authsome.sock")) && pid(home).isPresent())) {
                if (System.nanoTime() > deadline || !process.isAlive() && pid(home).isEmpty()) {
                    throw new AssertionError("the daemon of " + home + " did not start:\n"
                            + Files.readString(home.resolve("logs/daemon.log"), StandardCharsets.UTF_8));
                }
                Thread.sleep(20);
            }
        } catch (IOException e) {
            throw new AssertionError("the daemon of " + home + " did not start", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        STARTED.put(home, pid(home).orElseThrow());
    }

    /** Stops the daemons started so far (SIGTERM, as {@code daemon stop} does from outside). */
    static synchronized void stopAll() {
        List<ProcessHandle> daemons = STARTED.values().stream().flatMap(pid -> ProcessHandle.of(pid).stream()).toList();
        daemons.forEach(ProcessHandle::destroy);
        for (ProcessHandle daemon : daemons) {
            if (daemon.onExit().orTimeout(30, TimeUnit.SECONDS).exceptionally(e -> null).join() == null) {
                daemon.destroyForcibly();
            }
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
