package io.authsome.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the built distribution's {@code bin/authsome} as a separate process, as a user would. */
final class Authsome {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Path DIST = Path.of(System.getProperty("authsome.dist", "target/authsome"));

    /** What one run printed and returned. */
    record Run(int exitCode, String out, String err) {
        JsonNode json() {
            try {
                return JSON.readTree(out);
            } catch (IOException e) {
                throw new AssertionError("stdout is not JSON: " + out + "\nstderr: " + err, e);
            }
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    private final Path home;

    Authsome(Path home) {
        this.home = home;
    }

    Path home() {
        return home;
    }

    Run run(String... args) {
        return runWithInput(null, args);
    }

    /** Environment variables for the runs that follow (a key, a passphrase). */
    private final java.util.Map<String, String> environment = new java.util.HashMap<>();

    Authsome with(String variable, String value) {
        environment.put(variable, value);
        return this;
    }

    Authsome without(String variable) {
        environment.remove(variable);
        return this;
    }

    /** Starts authsome and leaves its standard streams to the caller. */
    Process start(String... args) throws IOException {
        java.util.Map<String, String> daemonEnvironment = new java.util.HashMap<>(environment);
        daemonEnvironment.put("XDG_CACHE_HOME", Path.of("target/it-cache").toAbsolutePath().toString());
        Daemons.ensure(home, daemonEnvironment);
        List<String> command = new ArrayList<>();
        command.add(DIST.resolve("bin/authsome").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("AUTHSOME_HOME", home.toString());
        builder.environment().put("XDG_CACHE_HOME", Path.of("target/it-cache").toAbsolutePath().toString());
        builder.environment().remove("NO_COLOR");
        builder.environment().putAll(environment);
        return builder.start();
    }

    /** Runs with {@code stdin} as standard input ({@code null}: none, closed at once). */
    Run runWithInput(String stdin, String... args) {
        try {
            Process process = start(args);
            CompletableFuture<String> out = drain(process.getInputStream());
            CompletableFuture<String> err = drain(process.getErrorStream());
            try (OutputStream in = process.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("authsome " + String.join(" ", args) + " did not finish in 60 s");
            }
            return new Run(process.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static CompletableFuture<String> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
