package io.authsome.console.internal.daemon;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.config.Configuration;
import io.authsome.api.credential.SecretVariables;
import io.authsome.api.home.HomeLayout;
import io.authsome.api.vault.Secret;
import io.authsome.client.wire.FrameType;
import io.authsome.client.wire.Request;
import io.authsome.common.home.Homes;
import io.authsome.console.internal.ConsoleEntry;
import io.authsome.console.internal.Terminal;
import java.io.IOException;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The daemon of one home: serves the commands thin clients send over
 * {@code run/authsome.sock} (directory 0700, socket 0600) with the console of this runtime,
 * while {@code run/daemon.lock} is held, so that one home has one daemon. {@link #serve} blocks
 * until {@link #stop}: no new client is accepted, the commands in flight finish (at most
 * {@link #GRACE}), and the socket and pid file are removed. With {@code daemon.socket_group}, that
 * group may reach the socket ({@link SocketGroup}).
 */
@Component(service = Daemon.class)
public final class Daemon {
    /** How long a stop waits for the commands in flight. */
    static final Duration GRACE = Duration.ofSeconds(10);

    @Reference
    private ConsoleEntry console;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Configuration configuration;

    private HomeLayout home;
    private volatile ServerSocketChannel server;
    private volatile GroupPrincipal socketGroup;
    private volatile Instant started;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger served = new AtomicInteger();

    @Activate
    void activate(BundleContext context) {
        home = Homes.layout(context);
    }

    /** When this runtime serves, since when. */
    Optional<Instant> started() {
        return Optional.ofNullable(started);
    }

    int inFlight() {
        return inFlight.get();
    }

    int served() {
        return served.get();
    }

    /**
     * Serves until {@link #stop()}.
     *
     * @param log where the daemon says what it does (standard error: {@code logs/daemon.log} when started detached)
     * @throws AuthsomeException {@code RUNTIME_UNAVAILABLE} when another daemon serves this home or the socket cannot be made
     */
    void serve(PrintStream log) throws AuthsomeException {
        socketGroup = SocketGroup.configured(configuration, home).orElse(null);
        Path run = home.runtime();
        try {
            if (!Files.isDirectory(run)) {
                Files.createDirectories(run, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
        } catch (IOException e) {
            throw unavailable("cannot create " + run + ": " + e.getMessage());
        }
        try (FileChannel lockFile = FileChannel.open(run.resolve("daemon.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
             FileLock lock = lockFile.tryLock()) {
            if (lock == null) {
                throw new AuthsomeException(ErrorCode.RUNTIME_UNAVAILABLE, "a daemon already serves " + home.root()
                        + DaemonFiles.pidNote(home), "authsome daemon status");
            }
            if (socketGroup != null) {
                SocketGroup.openWay(home, socketGroup, log);
            }
            ExecutorService clients = Executors.newCachedThreadPool(task -> {
                Thread thread = new Thread(task, "authsome-daemon-client");
                thread.setDaemon(true);
                return thread;
            });
            try {
                DaemonFiles.writePid(home); // first: a socket that answers always has its pid file
                if (socketGroup != null) {
                    SocketGroup.givePid(home, socketGroup);
                }
                bind();
                started = Instant.now();
                log.println(Instant.now() + " authsome daemon " + ProcessHandle.current().pid() + " serves "
                        + home.root() + " on " + home.daemonSocket()
                        + (socketGroup == null ? "" : " (open to the group " + socketGroup.getName() + ")"));
                log.flush();
                accept(clients, log);
            } finally {
                started = null;
                clients.shutdown();
                awaitInFlight(clients, log);
                DaemonFiles.removeRuntimeFiles(home);
                log.println(Instant.now() + " authsome daemon " + ProcessHandle.current().pid() + " stopped");
                log.flush();
            }
        } catch (IOException e) {
            throw unavailable("cannot serve on " + home.daemonSocket() + ": " + e.getMessage());
        }
    }

    private void bind() throws IOException, AuthsomeException {
        Path socket = home.daemonSocket();
        Files.deleteIfExists(socket); // left by a daemon that was killed: the lock proves none serves now
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        channel.bind(UnixDomainSocketAddress.of(socket));
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
        server = channel;
        if (socketGroup != null) {
            SocketGroup.giveSocket(home, socketGroup);
        }
    }

    private void accept(ExecutorService clients, PrintStream log) {
        ServerSocketChannel channel = server;
        while (channel.isOpen()) {
            SocketChannel client;
            try {
                client = channel.accept();
            } catch (IOException e) {
                break; // closed by stop()
            }
            inFlight.incrementAndGet();
            clients.execute(() -> {
                try {
                    handle(new ClientConnection(client), log);
                } finally {
                    inFlight.decrementAndGet();
                    served.incrementAndGet();
                }
            });
        }
    }

    private void handle(ClientConnection connection, PrintStream log) {
        try (connection) {
            Request request;
            try {
                Optional<Request> opened = connection.readRequest();
                if (opened.isEmpty()) {
                    return;
                }
                request = opened.get();
            } catch (IOException e) {
                log.println(Instant.now() + " refused a client: " + e.getMessage());
                return;
            }
            RemotePerson person = new RemotePerson(connection, request,
                    PeerCheck.confinement(connection.channel(), request));
            PrintStream out = connection.printStream(FrameType.STDOUT);
            PrintStream err = connection.printStream(FrameType.STDERR);
            Terminal io = terminal(request, connection, out, err, person);
            connection.listen();
            int code;
            try {
                code = console.runFor(request.arguments().toArray(String[]::new), io);
            } catch (RuntimeException e) {
                log.println(Instant.now() + " a command failed: " + e.getClass().getName());
                e.printStackTrace(log);
                err.println("error: the command failed inside the authsome daemon (" + e.getClass().getSimpleName()
                        + ")");
                err.println("next:  authsome daemon logs");
                code = ErrorCode.UNEXPECTED.exitCode();
            }
            out.flush();
            err.flush();
            connection.exit(code);
        }
    }

    /**
     * The client's invocation: its streams, environment and working directory; the secret
     * variables bin/authsome handed to the client arrive with the environment and are taken
     * out of it here, as the launcher takes them out of its own.
     */
    private static Terminal terminal(Request request, ClientConnection connection, PrintStream out, PrintStream err,
                                     RemotePerson person) {
        Map<String, String> environment = new LinkedHashMap<>(request.environment());
        Map<String, Secret> secrets = new LinkedHashMap<>();
        for (String name : SecretVariables.ALL) {
            String value = environment.remove(name);
            if (value != null && !value.isEmpty()) {
                secrets.put(name, Secret.of(value));
            }
        }
        Path directory = Path.of(request.workingDirectory());
        return new Terminal(connection.stdin(), out, err, request.stdinTerminal() && request.stdoutTerminal(),
                environment, directory.isAbsolute() ? directory : Path.of("/"), secrets, person);
    }

    /**
     * Stops accepting clients and removes the socket at once, so the next command (even one started
     * as soon as {@code daemon stop} answered) runs without the daemon instead of meeting a socket
     * nobody accepts on; {@link #serve} returns once the commands in flight finished.
     */
    void stop() {
        ServerSocketChannel channel = server;
        if (channel != null) {
            try {
                channel.close();
                Files.deleteIfExists(home.daemonSocket());
            } catch (IOException e) {
                // closed or removed already: serve removes what is left
            }
        }
    }

    private void awaitInFlight(ExecutorService clients, PrintStream log) {
        try {
            if (!clients.awaitTermination(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                log.println(Instant.now() + " " + inFlight.get() + " command(s) still running after "
                        + GRACE.toSeconds() + " s: stopping anyway");
                clients.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static AuthsomeException unavailable(String message) {
        return new AuthsomeException(ErrorCode.RUNTIME_UNAVAILABLE, message, "authsome daemon logs");
    }
}
