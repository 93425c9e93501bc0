package io.authsome.proxy.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP/1.1 forward proxy of one run, on an ephemeral port of 127.0.0.1 (the daemon's shared
 * proxy: on its configured port). One thread per client
 * connection (blocking I/O); a second one while a connection is tunnelled or upgraded. A
 * connection must be admitted ({@link ProxyGate}) within its {@link ProxyLimits#admission()} of being
 * accepted, or it is closed; past its limits of open connections, in all and per client, a new
 * one gets {@code 503}, so that idle connections cannot pile up threads. {@link #close()} stops accepting,
 * closes the connections still open and waits (a few seconds at most) for their threads, so that
 * every request's audit event is queued. {@link #stop(long)} first lets the requests in flight
 * finish.
 */
final class ProxyServer implements AutoCloseable {
    private static final int CLOSE_WAIT_SECONDS = 5;

    private final ServerSocket server;
    private final ProxyLimits limits;
    private final Map<String, AtomicInteger> perClient = new ConcurrentHashMap<>();
    private final ExecutorService threads;
    private final Map<Socket, Tracked> open = new ConcurrentHashMap<>();
    private final Thread acceptor;
    private volatile boolean stopping;
    private volatile Warmup warmup;
    private final ScheduledThreadPoolExecutor deadlines = deadlines();

    private ProxyServer(ServerSocket server, ProxyLimits limits, ProxyContext context) {
        this.server = server;
        this.limits = limits;
        this.threads = context.threads();
        this.acceptor = new Thread(() -> accept(context), "authsome-proxy-accept");
        acceptor.setDaemon(true);
    }

    /** The admission deadlines: one thread, and a deadline met leaves the queue at once. */
    private static ScheduledThreadPoolExecutor deadlines() {
        ScheduledThreadPoolExecutor deadlines = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "authsome-proxy-deadline");
            thread.setDaemon(true);
            return thread;
        });
        deadlines.setRemoveOnCancelPolicy(true);
        return deadlines;
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

    /** Binds to 127.0.0.1 on a free port and starts accepting, within the limits of a run's proxy. */
    static ProxyServer start(ProxyContext context) throws IOException {
        return start(context, 0, ProxyLimits.RUN);
    }

    /** Binds to 127.0.0.1 on {@code port} (0: a free one) and starts accepting, within {@code limits}. */
    static ProxyServer start(ProxyContext context, int port, ProxyLimits limits) throws IOException {
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
        ProxyServer proxy = new ProxyServer(server, limits, context);
        proxy.acceptor.start();
        proxy.warmup = Warmup.start(context);
        return proxy;
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept(ProxyContext context) {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                if (open.size() >= limits.connections()) {
                    refuse(socket, context);
                    continue;
                }
                ScheduledFuture<?> deadline = deadlines.schedule(() -> closeQuietly(socket),
                        limits.admissionMillis(), TimeUnit.MILLISECONDS);
                Tracked tracked = new Tracked(deadline);
                open.put(socket, tracked);
                threads.execute(() -> {
                    try {
                        new ClientSession(context, socket, tracked, limits).run();
                    } finally {
                        deadline.cancel(false);
                        tracked.release();
                        open.remove(socket);
                    }
                });
            } catch (IOException | RejectedExecutionException e) {
                // Closed: the run is over.
            }
        }
    }

    /** A connection's state: waiting for a request (or for its first), handling one, or closed by {@link #stop}. */
    private final class Tracked implements ClientSession.Activity {
        private static final int IDLE = 0;
        private static final int BUSY = 1;
        private static final int CLOSED = 2;

        private final ScheduledFuture<?> deadline;
        private final AtomicInteger state = new AtomicInteger(IDLE);
        private AtomicInteger counted;

        Tracked(ScheduledFuture<?> deadline) {
            this.deadline = deadline;
        }

        @Override
        public boolean admitted(ProxyGate.Client client) {
            deadline.cancel(false);
            AtomicInteger count = perClient.computeIfAbsent(client.name(), name -> new AtomicInteger());
            if (count.incrementAndGet() > limits.perClient()) {
                count.decrementAndGet();
                return false;
            }
            counted = count;
            return true;
        }

        @Override
        public String overLimit(ProxyGate.Client client) {
            return "authsome proxy: " + client.name() + " has " + limits.perClient() + " connections open, the most one"
                    + " client may; close some and try again";
        }

        /** The connection ended: it no longer counts for its client. */
        void release() {
            if (counted != null) {
                counted.decrementAndGet();
            }
        }

        @Override
        public boolean busy() {
            return state.compareAndSet(IDLE, BUSY);
        }

        @Override
        public boolean idle() {
            state.compareAndSet(BUSY, IDLE);
            return !stopping;
        }

        /** Whether the connection was waiting, and is now marked closed. */
        boolean closeIfIdle() {
            return state.compareAndSet(IDLE, CLOSED);
        }
    }

    /** Answers 503 on the accepting thread: a short write to a new connection does not block. */
    private void refuse(Socket socket, ProxyContext context) {
        context.warnOnce("connection limit", "more than " + limits.connections() + " connections to the proxy at once;"
                + " the next ones get 503 until some close");
        try (socket) {
            Exchange.respond(socket.getOutputStream(), 503, "Service Unavailable", "authsome proxy: more than "
                    + limits.connections() + " connections at once; close some and try again", true);
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

    /**
     * Stops accepting, closes the connections that wait for a request, lets those handling one
     * finish it for at most {@code graceMillis} (a blind tunnel or an upgraded connection counts as
     * one long request), then {@link #close()}s.
     */
    void stop(long graceMillis) {
        stopping = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // Closing a closed server.
        }
        open.forEach((socket, tracked) -> {
            if (tracked.closeIfIdle()) {
                closeQuietly(socket);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(graceMillis);
        try {
            while (!open.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close();
    }

    @Override
    public void close() {
        stopping = true;
        warmup.stop();
        try {
            server.close();
        } catch (IOException ignored) {
            // Closing a closed server.
        }
        deadlines.shutdownNow();
        open.keySet().forEach(ProxyServer::closeQuietly);
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
