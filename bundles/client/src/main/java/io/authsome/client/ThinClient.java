package io.authsome.client;

import io.authsome.client.browser.Browser;
import io.authsome.client.process.Descriptors;
import io.authsome.client.process.RunChild;
import io.authsome.client.process.Self;
import io.authsome.client.wire.ChannelStreams;
import io.authsome.client.wire.ChildRequest;
import io.authsome.client.wire.Frame;
import io.authsome.client.wire.FrameType;
import io.authsome.client.wire.Request;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Console;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code bin/authsome} while a daemon serves the home: sends the command line, the working
 * directory and the environment over the home's socket, then does what the daemon asks (print,
 * read standard input, ask a secret without echo, open the browser, start the child of
 * {@code authsome run}) and exits with the command's code. JDK only, so it starts as fast as a
 * bare JVM.
 * <p>
 * Usage: {@code ThinClient <socket> <argument>...}. bin/authsome runs it only while the pid file
 * names a live process; should no daemon accept on the socket all the same (it was killed and its
 * pid reused), the client says so, removes the stale socket, and the next command runs in-process.
 */
public final class ThinClient {
    /** No daemon, or the daemon went away before the command ended (as the in-process runtime failing). */
    static final int RUNTIME_UNAVAILABLE = 9;

    private final DataInputStream in;
    private final DataOutputStream out;
    private final OutputStream stdout;
    private final OutputStream stderr = new FileOutputStream(FileDescriptor.err);
    private final InputStream stdin = new FileInputStream(FileDescriptor.in);
    private final Map<String, String> environment;
    private final Path socket;
    private volatile boolean cancelled;
    private Path pages;

    private ThinClient(Path socket, SocketChannel channel, Map<String, String> environment, OutputStream stdout) {
        this.socket = socket;
        this.stdout = stdout;
        this.in = new DataInputStream(new BufferedInputStream(ChannelStreams.input(channel)));
        this.out = new DataOutputStream(new BufferedOutputStream(ChannelStreams.output(channel)));
        this.environment = environment;
    }

    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: ThinClient <socket> <argument>...");
            System.exit(64);
        }
        Path socket = Path.of(args[0]);
        Optional<String> unsafe = SocketPermissions.problem(socket);
        if (unsafe.isPresent()) {
            System.err.println("error: " + unsafe.get() + "; nothing was sent to it");
            System.err.println("next:  authsome daemon restart (it makes the socket 0600 again), or remove "
                    + socket.getParent() + " if you do not know who made it");
            System.exit(RUNTIME_UNAVAILABLE);
        }
        SocketChannel channel;
        try {
            channel = connect(socket);
        } catch (IOException e) {
            System.exit(noDaemon(socket));
            return;
        }
        Map<String, String> environment = new LinkedHashMap<>(System.getenv());
        environment.putAll(HandedOverSecrets.take());
        ThinClient client = new ThinClient(socket, channel, environment, new FileOutputStream(FileDescriptor.out));
        System.exit(client.run(Arrays.asList(args).subList(1, args.length), channel, true));
    }

    /**
     * Runs one command line in the daemon that serves {@code socket}, on this process's standard
     * streams and terminal, as {@code main} does, and returns its exit code: how the interactive
     * console hands each line to the daemon. Ctrl-C keeps the effect the caller gave it.
     *
     * @param out where the command's standard output goes; {@code null}: this process's
     * @throws IOException when nothing was sent: the socket is unsafe, or no daemon accepts on it
     */
    public static int forward(Path socket, List<String> arguments, Map<String, String> environment, OutputStream out)
            throws IOException {
        Optional<String> unsafe = SocketPermissions.problem(socket);
        if (unsafe.isPresent()) {
            throw new IOException(unsafe.get());
        }
        try (SocketChannel channel = connect(socket)) {
            return new ThinClient(socket, channel, environment,
                    out == null ? new FileOutputStream(FileDescriptor.out) : out).run(arguments, channel, false);
        }
    }

    /** A channel connected to the daemon, bound to a path of its own first (by which the daemon finds this process). */
    private static SocketChannel connect(Path socket) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.bind(ownAddress());
            channel.connect(UnixDomainSocketAddress.of(socket));
            return channel;
        } catch (IOException | UnsupportedOperationException e) {
            forgetOwnAddress(channel);
            channel.close();
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
    }

    /** @param cancellable whether Ctrl-C and SIGTERM ask the daemon to cancel the command (see {@link Cancel}) */
    private int run(List<String> arguments, SocketChannel channel, boolean cancellable) {
        try {
            send(new Request(Self.pid(), Path.of("").toAbsolutePath().toString(),
                    Descriptors.isTerminal(0), Descriptors.isTerminal(1), Descriptors.isTerminal(2), arguments,
                    environment).toFrame());
            forgetOwnAddress(channel);
            if (cancellable) {
                Cancel.install(new Runnable() { // no method reference: see Fields
                    @Override
                    public void run() {
                        cancel();
                    }
                });
            }
            while (true) {
                Optional<Frame> next = Frame.readFrom(in);
                if (next.isEmpty()) {
                    return gone("the authsome daemon closed the connection before the command ended");
                }
                Frame frame = next.get();
                switch (frame.type()) {
                    case STDOUT -> write(stdout, frame.payload());
                    case STDERR -> write(stderr, frame.payload());
                    case READ_STDIN -> send(new Frame(FrameType.STDIN, readStdin((int) frame.number())));
                    case ASK_SECRET -> send(new Frame(FrameType.SECRET, askSecret(frame.text())));
                    case ASK_TEXT -> send(new Frame(FrameType.TEXT, askText(frame.text())));
                    case OPEN_BROWSER -> send(Frame.of(FrameType.BROWSER_OPENED, openBrowser(frame.text()) ? "1" : "0"));
                    case START_CHILD -> startChild(ChildRequest.from(frame));
                    case EXIT -> {
                        return (int) frame.number();
                    }
                    default -> {
                        return gone("the authsome daemon sent " + frame.type() + ", which this client does not take");
                    }
                }
            }
        } catch (IOException e) {
            return gone("the connection to the authsome daemon failed: " + e.getMessage());
        }
    }

    /**
     * A fresh path in the temporary directory to bind this end of the socket to: Linux lists a
     * bound socket's path beside its inode in {@code /proc/net/unix}, an unbound one's not.
     */
    private static UnixDomainSocketAddress ownAddress() {
        return UnixDomainSocketAddress.of(Path.of(System.getProperty("java.io.tmpdir"), "authsome-client-"
                + Self.pid() + "-" + Long.toHexString(System.nanoTime()) + ".sock"));
    }

    /** No daemon accepts on {@code socket}: its files are stale when no daemon holds the home's lock. */
    private static int noDaemon(Path socket) {
        Path run = socket.getParent();
        try (java.nio.channels.FileChannel lock = java.nio.channels.FileChannel.open(run.resolve("daemon.lock"),
                java.nio.file.StandardOpenOption.WRITE);
             java.nio.channels.FileLock held = lock.tryLock()) {
            if (held != null) {
                Files.deleteIfExists(socket);
                Files.deleteIfExists(run.resolve("daemon.pid"));
            }
        } catch (IOException e) {
            // not ours to clean: the message below still holds
        }
        System.err.println("error: no authsome daemon answers on " + socket + " (it was stopped or killed); nothing"
                + " was done");
        System.err.println("next:  run the command again (it runs without the daemon), or: authsome daemon start");
        return RUNTIME_UNAVAILABLE;
    }

    private static int gone(String what) {
        System.err.println("error: " + what);
        System.err.println("next:  authsome daemon logs, or run the command with AUTHSOME_NO_DAEMON=1");
        return RUNTIME_UNAVAILABLE;
    }

    /** The bound path was only for the daemon to look up in /proc, where the name stays after the file goes. */
    private static void forgetOwnAddress(SocketChannel channel) {
        try {
            if (channel.getLocalAddress() instanceof UnixDomainSocketAddress own) {
                Files.deleteIfExists(own.getPath());
            }
        } catch (IOException e) {
            // a stale socket file in the temp directory: harmless
        }
    }

    private synchronized void send(Frame frame) throws IOException {
        frame.writeTo(out);
        out.flush();
    }

    /**
     * Ctrl-C or SIGTERM while no child runs: the daemon interrupts the command, which then ends.
     * A second one ends this client at once.
     */
    private void cancel() {
        if (cancelled) {
            System.exit(130);
        }
        cancelled = true;
        try {
            send(new Frame(FrameType.CANCEL, new byte[0]));
        } catch (IOException e) {
            System.exit(130);
        }
    }

    /**
     * Writes the command's output here. Output nobody reads any more ({@code | head} closed the
     * pipe) is dropped, as the in-process runtime's {@code System.out} drops it: the command
     * still ends and exits with its own code.
     */
    private static void write(OutputStream stream, byte[] bytes) {
        try {
            stream.write(bytes);
            stream.flush();
        } catch (IOException e) {
            // the reader went away
        }
    }

    private byte[] readStdin(int max) throws IOException {
        byte[] buffer = new byte[Math.max(1, Math.min(max, 65536))];
        int read = stdin.read(buffer);
        return read <= 0 ? new byte[0] : Arrays.copyOf(buffer, read);
    }

    private static byte[] askSecret(String prompt) {
        Console console = System.console();
        if (console == null) {
            System.err.println("(cannot turn off echo on this terminal, so a secret is not asked here)");
            return new byte[0];
        }
        char[] typed = console.readPassword("%s", prompt);
        if (typed == null) {
            return new byte[0];
        }
        byte[] utf8 = new String(typed).getBytes(StandardCharsets.UTF_8);
        Arrays.fill(typed, '\0');
        return utf8;
    }

    /** A value that is not secret, typed on the terminal with echo on. */
    private static byte[] askText(String prompt) {
        Console console = System.console();
        String typed = console == null ? null : console.readLine("%s", prompt);
        return typed == null ? new byte[0] : typed.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Opens {@code url} through a private page: in the home's {@code browser/} as in-process when
     * this user may write there, else in a private temporary directory (a daemon of another user).
     */
    private boolean openBrowser(String url) {
        try {
            if (pages == null) {
                Path home = socket.getParent().getParent();
                if (Files.isWritable(home)) {
                    pages = home.resolve("browser");
                } else {
                    pages = Files.createTempDirectory("authsome-browser"); // 0700
                    pages.toFile().deleteOnExit();
                }
            }
            return Browser.open(url, pages, environment).isPresent();
        } catch (IOException e) {
            return false;
        }
    }

    /** Starts the child, says so (its pid, or why not), then reports its exit when it comes. */
    private void startChild(ChildRequest request) throws IOException {
        RunChild started;
        try {
            started = RunChild.start(request.command(), request.environment(), Path.of(request.directory()),
                    Descriptors.isTerminal(0));
        } catch (IOException | RuntimeException e) {
            send(Frame.of(FrameType.CHILD_STARTED, "!" + e.getMessage()));
            return;
        }
        send(Frame.of(FrameType.CHILD_STARTED, started.pid()));
        Thread waiter = new Thread(new Runnable() { // not a lambda: see Fields
            @Override
            public void run() {
                int code = started.waitFor();
                started.close();
                try {
                    send(Frame.of(FrameType.CHILD_EXITED, code));
                } catch (IOException e) {
                    // the daemon is gone: the exit code below is all there is
                }
            }
        }, "authsome-run-child");
        waiter.setDaemon(true);
        waiter.start();
    }
}
