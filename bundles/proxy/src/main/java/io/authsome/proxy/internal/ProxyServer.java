package io.authsome.proxy.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP/1.1 forward proxy of one run, on an ephemeral port of 127.0.0.1. One thread per client
 * connection (blocking I/O); a second one while a connection is tunnelled or upgraded. A
 * connection must be admitted ({@link ProxyAccess}) within {@value #ADMISSION_SECONDS} s of being
 * accepted, or it is closed; past {@value #MAX_CONNECTIONS} open connections a new one gets
 * {@code 503}, so that idle connections cannot pile up threads. {@link #close()} stops accepting,
 * closes the connections still open and waits (a few seconds at most) for their threads, so that
 * every request's audit event is queued.
 */
final class ProxyServer implements AutoCloseable {
    /** How long a connection may take to send a request the proxy admits. */
    static final int ADMISSION_SECONDS = 10;
    /** The most connections open at once. */
    static final int MAX_CONNECTIONS = 512;
    private static final int CLOSE_WAIT_SECONDS = 5;

    private final ServerSocket server;
    private final ExecutorService threads;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "authsome-proxy-deadline");
        thread.setDaemon(true);
        return thread;
    });

    private ProxyServer(ServerSocket server, ProxyContext context) {
        this.server = server;
        this.threads = context.threads();
        this.acceptor = new Thread(() -> accept(context), "authsome-proxy-accept");
        acceptor.setDaemon(true);
    }

    /** The threads a proxy's {@link ProxyContext} runs connections on: daemons, as many as connections. */
    static ExecutorService newThreads() {
        AtomicInteger count = new AtomicInteger();
        return Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "authsome-proxy-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Binds to 127.0.0.1 on a free port and starts accepting. */
    static ProxyServer start(ProxyContext context) throws IOException {
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        ProxyServer proxy = new ProxyServer(server, context);
        proxy.acceptor.start();
        return proxy;
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept(ProxyContext context) {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                if (open.size() >= MAX_CONNECTIONS) {
                    refuse(socket, context);
                    continue;
                }
                open.add(socket);
                ScheduledFuture<?> deadline = deadlines.schedule(() -> closeQuietly(socket), ADMISSION_SECONDS,
                        TimeUnit.SECONDS);
                threads.execute(() -> {
                    try {
                        new ClientSession(context, socket, () -> deadline.cancel(false)).run();
                    } finally {
                        deadline.cancel(false);
                        open.remove(socket);
                    }
                });
            } catch (IOException e) {
                // Closed: the run is over.
            }
        }
    }

    /** Answers 503 on the accepting thread: a short write to a new connection does not block. */
    private static void refuse(Socket socket, ProxyContext context) {
        context.warnOnce("connection limit", "more than " + MAX_CONNECTIONS + " connections to the proxy at once;"
                + " the next ones get 503 until some close");
        try (socket) {
            Exchange.respond(socket.getOutputStream(), 503, "Service Unavailable", "authsome proxy: more than "
                    + MAX_CONNECTIONS + " connections at once; close some and try again", true);
        } catch (IOException e) {
            // The client went away.
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Already gone.
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // Closing a closed server.
        }
        deadlines.shutdownNow();
        open.forEach(ProxyServer::closeQuietly);
        threads.shutdown();
        try {
            // The connections just closed end at once; their audit events must be queued before the
            // audit queue closes.
            threads.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
