package io.authsome.proxy.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.DefaultListeningIOReactor;
import org.apache.hc.core5.reactor.IOEventHandler;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.reactor.ListenerEndpoint;
import org.apache.hc.core5.reactor.ProtocolIOSession;
import org.apache.hc.core5.util.TimeValue;

/**
 * The HTTP/1.1 forward proxy of one run, on an ephemeral port of 127.0.0.1 (the daemon's shared
 * proxy: on its configured port). Its connections live on an HttpCore 5 I/O reactor (one thread
 * does all their reads, writes and TLS, and accepts them in order, so that the one past a limit
 * is the one refused); a worker thread handles a connection's requests
 * while it has some ({@link ClientConnection}), so that a connection waiting for its next request
 * holds no thread. A connection must be admitted ({@link ProxyGate}) within its
 * {@link ProxyLimits#admission()} of being accepted, or it is closed; past its limits of open
 * connections, in all and per client, a new one gets {@code 503}. {@link #close()} stops
 * accepting, closes the connections still open and waits (a few seconds at most) for their
 * workers, so that every request's audit event is queued. {@link #stop(long)} first lets the
 * requests in flight finish.
 */
final class ProxyServer implements AutoCloseable {
    private static final int CLOSE_WAIT_SECONDS = 5;
    /** Idle API connections kept per client and host: as many as a client has requests at once, usually. */
    private static final int UPSTREAM_PER_HOST = 64;
    /** How often the reactor looks for connections idle past their time. */
    private static final TimeValue TIMEOUT_CHECKS = TimeValue.ofMilliseconds(100);

    private final DefaultListeningIOReactor reactor;
    private final ProxyLimits limits;
    private final ProxyContext context;
    private final Map<String, AtomicInteger> perClient = new ConcurrentHashMap<>();
    private final ExecutorService threads;
    /** Enough buffers for a few hundred busy connections (three each) to reuse: 24 MiB at most. */
    private final BufferPool buffers = new BufferPool(768);
    /** The kept-alive API connections between requests, closed after {@link ProxyLimits#upstreamIdle()}. */
    private final UpstreamPool pool;
    private final Map<ClientConnection, Tracked> open = new ConcurrentHashMap<>();
    private volatile ListenerEndpoint endpoint;
    private volatile boolean stopping;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Warmup warmup;
    private final ScheduledThreadPoolExecutor deadlines = deadlines();

    private ProxyServer(ProxyLimits limits, ProxyContext context) {
        this.limits = limits;
        this.context = context;
        this.threads = context.threads();
        this.pool = new UpstreamPool(limits.upstreamIdleMillis(), UPSTREAM_PER_HOST, limits.idleMillis());
        long sweep = Math.max(50, Math.min(1000, limits.upstreamIdleMillis() / 4));
        deadlines.scheduleWithFixedDelay(pool::sweep, sweep, sweep, TimeUnit.MILLISECONDS);
        IOReactorConfig config = IOReactorConfig.custom()
                .setIoThreadCount(1)
                .setSelectInterval(TIMEOUT_CHECKS)
                .setTcpNoDelay(true)
                .setBacklogSize(256)
                .build();
        // the sessions it accepts are clients'; those it connects, the API sides of blind tunnels
        this.reactor = new DefaultListeningIOReactor((session, attachment) -> attachment instanceof IOEventHandler
                ? (IOEventHandler) attachment : accepted(session), config,
                daemons("authsome-proxy-io"), daemons("authsome-proxy-listen"), null, null, null, null);
    }

    /** The admission deadlines: one thread, and a deadline met leaves the queue at once. */
    private static ScheduledThreadPoolExecutor deadlines() {
        ScheduledThreadPoolExecutor deadlines = new ScheduledThreadPoolExecutor(1, daemons("authsome-proxy-deadline"));
        deadlines.setRemoveOnCancelPolicy(true);
        return deadlines;
    }

    private static ThreadFactory daemons(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** The worker threads a proxy's {@link ProxyContext} handles requests on: daemons, as many as requests in flight. */
    static ExecutorService newThreads() {
        return Executors.newCachedThreadPool(daemons("authsome-proxy"));
    }

    /** Binds to 127.0.0.1 on a free port and starts accepting, within the limits of a run's proxy. */
    static ProxyServer start(ProxyContext context) throws IOException {
        return start(context, 0, ProxyLimits.RUN);
    }

    /** Binds to 127.0.0.1 on {@code port} (0: a free one) and starts accepting, within {@code limits}. */
    static ProxyServer start(ProxyContext context, int port, ProxyLimits limits) throws IOException {
        ProxyServer proxy = new ProxyServer(limits, context);
        proxy.reactor.start();
        try {
            proxy.endpoint = proxy.reactor.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)).get();
        } catch (ExecutionException e) {
            proxy.reactor.close(CloseMode.IMMEDIATE);
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            proxy.reactor.close(CloseMode.IMMEDIATE);
            throw new IOException("interrupted while binding the proxy");
        }
        proxy.warmup = Warmup.start(context);
        return proxy;
    }

    int port() {
        return ((InetSocketAddress) endpoint.getAddress()).getPort();
    }

    /** A connection the reactor accepted: served within the limits, or answered 503 and closed. */
    private ClientConnection accepted(ProtocolIOSession session) {
        ClientConnection connection = new ClientConnection(session, threads, buffers, limits.idleMillis());
        if (stopping) {
            connection.abort();
            return connection;
        }
        if (open.size() >= limits.connections()) { // only the reactor's one thread adds to it
            refuse(connection);
            return connection;
        }
        ScheduledFuture<?> deadline = deadlines.schedule(connection::abort, limits.admissionMillis(),
                TimeUnit.MILLISECONDS);
        Tracked tracked = new Tracked(deadline);
        open.put(connection, tracked);
        ClientSession client = new ClientSession(context, connection, tracked, pool, reactor, () -> {
            deadline.cancel(false);
            tracked.release();
            open.remove(connection);
        });
        connection.serve(client);
        return connection;
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

    /** Answers 503 and closes: a short write to a new connection, done by the reactor. */
    private void refuse(ClientConnection connection) {
        context.warnOnce("connection limit", "more than " + limits.connections() + " connections to the proxy at once;"
                + " the next ones get 503 until some close");
        try {
            new Http1Reply(connection.out(), connection).answer(503, "Service Unavailable", "authsome proxy: more than "
                    + limits.connections() + " connections at once; close some and try again", true);
        } catch (IOException e) {
            // Not connected yet: the answer is written once it is.
        }
        connection.close();
    }

    /**
     * Stops accepting, closes the connections that wait for a request, lets those handling one
     * finish it for at most {@code graceMillis} (a blind tunnel or an upgraded connection counts as
     * one long request), then {@link #close()}s.
     */
    void stop(long graceMillis) {
        stopping = true;
        endpoint.close(CloseMode.IMMEDIATE);
        open.forEach((connection, tracked) -> {
            if (tracked.closeIfIdle()) {
                connection.abort();
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
        if (!closed.compareAndSet(false, true)) {
            return; // closed already (run closes it as its child exits, and again as it returns)
        }
        stopping = true;
        warmup.stop();
        if (endpoint != null) {
            endpoint.close(CloseMode.IMMEDIATE);
        }
        deadlines.shutdownNow();
        open.keySet().forEach(ClientConnection::abort);
        threads.shutdown();
        try {
            // The connections just closed end at once; their audit events must be queued before the
            // audit queue closes.
            threads.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        reactor.close(CloseMode.IMMEDIATE);
        pool.close();
    }
}
