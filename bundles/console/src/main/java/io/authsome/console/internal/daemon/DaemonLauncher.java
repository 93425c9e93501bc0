package io.authsome.console.internal.daemon;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.credential.SecretVariables;
import io.authsome.api.command.CommandContext;
import io.authsome.api.home.HomeLayout;
import io.authsome.api.vault.Secret;
import io.authsome.api.vault.Vault;
import io.authsome.common.env.SecretEnvironment;
import io.authsome.common.files.PrivateFiles;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.osgi.framework.BundleContext;

/**
 * Starts {@code bin/authsome daemon serve} detached from this process and its terminal (in a
 * session of its own, its output appended to {@code logs/daemon.log}) and waits until it answers
 * on the home's socket.
 */
final class DaemonLauncher {
    /** Framework property the launcher sets to the distribution's root directory. */
    static final String DIST_PROPERTY = "authsome.dist";
    private static final List<Path> SETSID = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"));

    /** @param pid the daemon's process id; @param elapsed how long it took to answer */
    record Started(long pid, Duration elapsed) {
    }

    private DaemonLauncher() {
    }

    /** In passphrase mode the daemon needs the passphrase once: from the environment, else asked here. */
    static Optional<Secret> passphrase(CommandContext context, Vault vault) throws AuthsomeException {
        Vault current = vault;
        if (current == null || !"passphrase".equals(current.encryptionMode())) {
            return Optional.empty();
        }
        Optional<String> given = SecretEnvironment.value(SecretVariables.PASSPHRASE);
        if (given.isPresent()) {
            return given.map(Secret::of);
        }
        Optional<Secret> asked = context.readSecret("Vault passphrase (the daemon keeps the key in memory): ", false);
        if (asked.isEmpty()) {
            throw new AuthsomeException(ErrorCode.AUTHENTICATION_FAILED, "the vault is in passphrase mode and no"
                    + " passphrase was given, so the daemon could not open it",
                    "authsome daemon start on a terminal, or with AUTHSOME_PASSPHRASE set for this one command");
        }
        return asked;
    }

    /**
     * @param passphrase the vault passphrase, handed to the daemon the way bin/authsome hands
     *                   secrets over (never on its command line, never in its environment)
     * @param progress   where to say that it is starting; {@code null} for {@code --quiet}
     */
    static Started launch(BundleContext context, HomeLayout home, Optional<Secret> passphrase, Duration timeout,
                          PrintStream progress) throws AuthsomeException {
        String dist = context.getProperty(DIST_PROPERTY);
        if (dist == null) {
            throw new AuthsomeException(ErrorCode.RUNTIME_UNAVAILABLE, "this runtime does not know its distribution,"
                    + " so it cannot start a daemon", "bin/authsome daemon serve");
        }
        Path log = home.daemonLog();
        List<String> command = new ArrayList<>();
        SETSID.stream().filter(Files::isExecutable).findFirst().ifPresent(setsid -> command.add(setsid.toString()));
        command.addAll(List.of(Path.of(dist, "bin", "authsome").toString(), "--home", home.root().toString(),
                "daemon", "serve"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().remove(SecretVariables.PASSPHRASE);
        // bin/authsome takes it out of the environment before the JVM starts and hands it over on a pipe
        passphrase.ifPresent(secret -> builder.environment().put(SecretVariables.PASSPHRASE, secret.reveal()));
        // and so the password of a shared store's database, when this command was given one
        SecretEnvironment.value(SecretVariables.STORE_PASSWORD)
                .ifPresent(password -> builder.environment().put(SecretVariables.STORE_PASSWORD, password));
        long since = System.nanoTime();
        Process process;
        try {
            PrivateFiles.ensureDirectory(log.getParent());
            if (!Files.exists(log)) {
                Files.createFile(log, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            process = builder.start();
        } catch (IOException e) {
            throw new AuthsomeException(ErrorCode.RUNTIME_UNAVAILABLE, "cannot start the daemon: " + e.getMessage(),
                    "authsome doctor");
        }
        if (progress != null) {
            progress.println("Starting the authsome daemon for " + home.root() + " ...");
        }
        long deadline = since + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (DaemonFiles.answers(home)) {
                long pid = DaemonFiles.runningPid(home).map(ProcessHandle::pid).orElse(process.pid());
                return new Started(pid, Duration.ofNanos(System.nanoTime() - since));
            }
            if (!process.isAlive()) {
                throw failed("the daemon exited with code " + process.exitValue() + " before it answered", log);
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroy();
                throw new AuthsomeException(ErrorCode.RUNTIME_UNAVAILABLE, "interrupted while the daemon started",
                        "authsome daemon start");
            }
        }
        process.destroy();
        throw failed("the daemon did not answer within " + timeout.toSeconds() + " s and was stopped", log);
    }

    private static AuthsomeException failed(String what, Path log) {
        List<String> tail = lastLines(log, 10);
        return new AuthsomeException(ErrorCode.RUNTIME_UNAVAILABLE, what + (tail.isEmpty() ? ""
                : "; the end of " + log + ":\n  " + String.join("\n  ", tail)), "authsome daemon logs");
    }

    /** The last {@code count} lines of {@code file}; none when it does not exist. */
    static List<String> lastLines(Path file, int count) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return List.copyOf(lines.subList(Math.max(0, lines.size() - count), lines.size()));
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            return List.of("(cannot read " + file + ": " + e.getMessage() + ")");
        }
    }
}
