package io.authsome.store.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL server for tests, run from Debian's server binaries under /usr/lib/postgresql.
 *
 * <p>It has a fresh data directory under {@code java.io.tmpdir}, listens on a free port of 127.0.0.1, and has the
 * superuser {@code authsome} with a random password (scram-sha-256 over TCP) and the database {@code authsome}.
 * Durability is off (fsync, synchronous_commit, full_page_writes) for speed. PostgreSQL refuses to run as root, so
 * when the JVM runs as root the server runs as the {@code postgres} system user. A shutdown hook stops the server
 * and deletes its directory if {@link #close()} was not called.
 */
public final class PostgresServer implements AutoCloseable {
    private static final Path INSTALLATIONS = Path.of("/usr/lib/postgresql");
    private static final String USER = "authsome";
    private static final String SERVER_USER = "postgres";
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));
    private static final long TIMEOUT_SECONDS = 60;
    /** Starts tried, each on a new free port, while the one chosen is taken before the server binds it. */
    private static final int BIND_ATTEMPTS = 3;
    private static final int LOG_TAIL_LINES = 30;

    private final Path bin;
    private final Path dir;
    private final Path data;
    private final Path socket;
    private final Path log;
    private final int port;
    private final String password;
    private final Thread shutdownHook = new Thread(this::destroy, "postgres-server-shutdown");
    private volatile boolean running;

    private PostgresServer(Path bin, Path dir, int port, String password) {
        this.bin = bin;
        this.dir = dir;
        this.data = dir.resolve("data");
        this.socket = dir.resolve("socket");
        this.log = dir.resolve("server.log");
        this.port = port;
        this.password = password;
    }

    /**
     * Creates, starts and returns a new server with the database {@code authsome}.
     *
     * @throws IllegalStateException if the server binaries are missing or a step fails
     */
    public static PostgresServer start() {
        for (int attempt = 1; ; attempt++) {
            try {
                return startOnce();
            } catch (IllegalStateException e) {
                // another process took the free port between its choice and the server's bind: another port
                if (attempt == BIND_ATTEMPTS || e.getMessage() == null
                        || !e.getMessage().contains("Address already in use")) {
                    throw e;
                }
            }
        }
    }

    private static PostgresServer startOnce() {
        Path bin = binaries();
        PostgresServer server;
        try {
            server = new PostgresServer(bin, Files.createTempDirectory("authsome-pg-"), freePort(), randomPassword());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(server.shutdownHook);
        try {
            server.initdb();
            server.launch();
            server.createDatabase(USER);
            return server;
        } catch (RuntimeException e) {
            try {
                server.close();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** The JDBC URL of the database {@code authsome}. */
    public String jdbcUrl() {
        return jdbcUrl(USER);
    }

    /** The superuser, {@code authsome}. */
    public String user() {
        return USER;
    }

    /** The superuser's password, random for each server. */
    public String password() {
        return password;
    }

    /** The TCP port on 127.0.0.1. */
    public int port() {
        return port;
    }

    /**
     * Creates an empty database and returns its JDBC URL, so that tests sharing a server can keep apart.
     *
     * @param name lower-case letters, digits and underscores, starting with a letter or underscore
     */
    public String createDatabase(String name) {
        if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("Not a plain database name: " + name);
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), USER, password);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the database " + name + ": " + e.getMessage(), e);
        }
        return jdbcUrl(name);
    }

    /** Stops the server with a fast shutdown, which ends open connections; the data stays for {@link #restart()}. */
    public void stop() {
        pgCtl("-m", "fast", "-w", "stop");
        running = false;
    }

    /** Starts the server again on the same port and data, returning once it accepts connections. */
    public void restart() {
        launch();
    }

    /** Stops the server at once, without a clean shutdown, and deletes its directory. */
    @Override
    public void close() {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
        destroy();
    }

    private String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    private void initdb() {
        Path pwfile = dir.resolve("pwfile");
        try {
            Files.writeString(pwfile, password + "\n");
            Files.createDirectory(socket);
            if (ROOT) {
                requireTraversable(dir);
                run(List.of("chown", "-R", SERVER_USER + ":" + SERVER_USER, dir.toString()));
            }
            run(asServerUser(bin.resolve("initdb").toString(), "-D", data.toString(), "--username=" + USER,
                    "--pwfile=" + pwfile, "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8",
                    "--locale=C"));
            Files.delete(pwfile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void launch() {
        pgCtl("-o", "-p " + port + " -k '" + socket + "' -c listen_addresses=127.0.0.1 -c fsync=off"
                + " -c synchronous_commit=off -c full_page_writes=off -c max_connections=300",
                "-l", log.toString(), "-w", "start");
        running = true;
    }

    /** Stops the server immediately if it runs, then deletes the directory; also the shutdown hook's work. */
    private void destroy() {
        try {
            if (running) {
                pgCtl("-m", "immediate", "-w", "stop");
                running = false;
            }
        } finally {
            deleteDirectory();
        }
    }

    private void deleteDirectory() {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            List<Path> paths;
            try (Stream<Path> walk = Files.walk(dir)) {
                paths = walk.sorted(Comparator.reverseOrder()).toList();
            }
            for (Path path : paths) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void pgCtl(String... arguments) {
        List<String> command = new ArrayList<>(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString()));
        command.addAll(List.of(arguments));
        run(asServerUser(command.toArray(String[]::new)));
    }

    private static List<String> asServerUser(String... command) {
        List<String> full = new ArrayList<>();
        if (ROOT) {
            full.addAll(List.of("runuser", "-u", SERVER_USER, "--"));
        }
        full.addAll(List.of(command));
        return full;
    }

    /**
     * Runs a command in the server's directory (the postgres user may not be able to enter the JVM's), with its
     * output in a file, so that a server that keeps the output open cannot block the wait.
     */
    private void run(List<String> command) {
        Path output = null;
        try {
            output = Files.createTempFile(dir, "command-", ".out");
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            boolean finished = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!finished) {
                process.destroyForcibly();
            }
            if (!finished || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command)
                        + (finished ? " failed with exit code " + process.exitValue()
                                : " did not finish within " + TIMEOUT_SECONDS + " s")
                        + ":\n" + new String(Files.readAllBytes(output), StandardCharsets.UTF_8)
                        + "\nServer log (last lines):\n" + logTail());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + String.join(" ", command), e);
        } finally {
            if (output != null) {
                output.toFile().delete();
            }
        }
    }

    private String logTail() throws IOException {
        if (!Files.exists(log)) {
            return "(none)";
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
    }

    /** The bin directory of the newest installed major version that has initdb and pg_ctl. */
    private static Path binaries() {
        String missing = "PostgreSQL server binaries not found under " + INSTALLATIONS + ": apt-get install postgresql";
        if (!Files.isDirectory(INSTALLATIONS)) {
            throw new IllegalStateException(missing);
        }
        try (Stream<Path> versions = Files.list(INSTALLATIONS)) {
            return versions.filter(version -> version.getFileName().toString().matches("\\d+"))
                    .filter(version -> Files.isExecutable(version.resolve("bin/initdb"))
                            && Files.isExecutable(version.resolve("bin/pg_ctl")))
                    .max(Comparator.comparingInt(version -> Integer.parseInt(version.getFileName().toString())))
                    .map(version -> version.resolve("bin"))
                    .orElseThrow(() -> new IllegalStateException(missing));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The postgres user must reach the directory: every directory above it must let others through. */
    private static void requireTraversable(Path dir) throws IOException {
        for (Path parent = dir.toRealPath().getParent(); parent != null; parent = parent.getParent()) {
            if (!Files.getPosixFilePermissions(parent).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                throw new IllegalStateException("The " + SERVER_USER + " user cannot reach " + dir + ": " + parent
                        + " is closed to others; point java.io.tmpdir at a directory such as /tmp");
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
