package io.authsome.proxy.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The proxy's kept-alive connections to API hosts while no request uses them, so that the next
 * request of any connection of the same client reuses one instead of opening its own (a TCP and
 * TLS handshake saved, and fewer connections for the API host). A connection is only shared
 * among the connections of one client (a run's child, or one agent of the shared proxy) and one
 * way out ({@link UpstreamConnector}); the newest is taken first; one idle past its time, or past
 * the number kept for its host, is closed. It also holds the HTTP/2 connections to the hosts that
 * speak it ({@link #http2}). Thread-safe.
 */
final class UpstreamPool implements AutoCloseable {
    /** Where a connection goes, and for whom. */
    record Key(String client, UpstreamConnector connector, String host, int port, boolean secure) {
    }

    /** A connection waiting for its next request, with its buffers (which may hold nothing yet unread). */
    record Idle(Socket socket, BufferedInputStream in, BufferedOutputStream out, long sinceNanos) {
    }

    private final Map<Key, ArrayDeque<Idle>> idle = new HashMap<>();
    private final Map<UpstreamConnector, UpstreamH2> multiplexed = new HashMap<>();
    private final long silenceMillis;
    private final long idleNanos;
    private final int perHost;
    private boolean closed;

    /**
     * Keeps at most {@code perHost} connections per key, each for {@code idleMillis} at most; an
     * HTTP/2 connection closes after {@code silenceMillis} without a byte either way.
     */
    UpstreamPool(long idleMillis, int perHost, long silenceMillis) {
        this.silenceMillis = silenceMillis;
        this.idleNanos = idleMillis * 1_000_000;
        this.perHost = perHost;
    }

    /** The newest connection kept for {@code key} that is still open, or {@code null}. */
    Idle take(Key key) {
        List<Idle> stale = new ArrayList<>();
        Idle found = null;
        synchronized (this) {
            ArrayDeque<Idle> kept = idle.get(key);
            while (kept != null && !kept.isEmpty() && found == null) {
                Idle candidate = kept.pollLast();
                if (candidate.socket().isClosed() || System.nanoTime() - candidate.sinceNanos() > idleNanos) {
                    stale.add(candidate);
                } else {
                    found = candidate;
                }
            }
            if (kept != null && kept.isEmpty()) {
                idle.remove(key);
            }
        }
        stale.forEach(UpstreamPool::close);
        return found;
    }

    /** Keeps {@code connection} for {@code key}; closes it when the pool is full for that key or closed. */
    void give(Key key, Idle connection) {
        synchronized (this) {
            ArrayDeque<Idle> kept = idle.computeIfAbsent(key, k -> new ArrayDeque<>());
            if (!closed && kept.size() < perHost) {
                kept.addLast(connection);
                return;
            }
        }
        close(connection);
    }

    /** Closes the connections idle past their time. */
    void sweep() {
        List<Idle> stale = new ArrayList<>();
        synchronized (this) {
            long now = System.nanoTime();
            for (Iterator<ArrayDeque<Idle>> hosts = idle.values().iterator(); hosts.hasNext(); ) {
                ArrayDeque<Idle> kept = hosts.next();
                while (!kept.isEmpty() && now - kept.peekFirst().sinceNanos() > idleNanos) {
                    stale.add(kept.pollFirst());
                }
                if (kept.isEmpty()) {
                    hosts.remove();
                }
            }
        }
        stale.forEach(UpstreamPool::close);
    }

    /**
     * The HTTP/2 connections through {@code connector}: one per API host, shared by every
     * client (each request carries its own credential), closed with the pool.
     */
    synchronized UpstreamH2 http2(UpstreamConnector connector) {
        UpstreamH2 http2 = multiplexed.computeIfAbsent(connector, c -> c.http2(silenceMillis));
        if (closed) {
            http2.close(); // it refuses requests
        }
        return http2;
    }

    /** How many connections wait. */
    synchronized int size() {
        return idle.values().stream().mapToInt(ArrayDeque::size).sum();
    }

    @Override
    public void close() {
        List<Idle> all = new ArrayList<>();
        synchronized (this) {
            closed = true;
            idle.values().forEach(all::addAll);
            idle.clear();
            multiplexed.values().forEach(UpstreamH2::close);
            multiplexed.clear();
        }
        all.forEach(UpstreamPool::close);
    }

    private static void close(Idle connection) {
        try {
            connection.socket().close();
        } catch (IOException ignored) {
            // Gone already.
        }
    }
}
