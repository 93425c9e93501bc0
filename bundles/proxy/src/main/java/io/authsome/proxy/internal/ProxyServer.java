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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP/1.1 forward proxy of one run, on an ephemeral port of 127.0.0.1. One thread per client
 * connection (blocking I/O); a second one while a connection is tunnelled or upgraded.
 * {@link #close()} stops accepting, closes the connections still open and waits (a few seconds at
 * most) for their threads, so that every request's audit event is queued.
 */
final class ProxyServer implements AutoCloseable {
    private static final int CLOSE_WAIT_SECONDS = 5;

    private final ServerSocket server;
    private final ExecutorService threads;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;

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
                open.add(socket);
                threads.execute(() -> {
                    try {
                        new ClientSession(context, socket).run();
                    } finally {
                        open.remove(socket);
                    }
                });
            } catch (IOException e) {
                // Closed: the run is over.
            }
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // Closing a closed server.
        }
        for (Socket socket : open) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Already gone.
            }
        }
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
