package io.authsome.proxy.internal;

import java.time.Duration;

/**
 * What one proxy allows a client, so that idle or hostile connections cannot pile up: connections
 * open at once in all and per client ({@link ProxyGate.Client#name()}), past which a new one gets
 * 503; how long a new connection may take to send a request the proxy admits (inside an
 * intercepted tunnel: its first request there); how long a connection may wait for its next
 * request; and how long its kept-alive connection to the API stays open meanwhile.
 *
 * @param connections  connections open at once
 * @param perClient    connections open at once for one client
 * @param admission    from accept to an admitted request
 * @param idle         between two requests of a connection
 * @param upstreamIdle how long a connection to an API host is kept while no request uses it ({@link UpstreamPool})
 */
record ProxyLimits(int connections, int perClient, Duration admission, Duration idle, Duration upstreamIdle) {
    /** The proxy of one run: one client, its child. */
    static final ProxyLimits RUN = new ProxyLimits(512, 512, Duration.ofSeconds(10), Duration.ofMinutes(5),
            Duration.ofSeconds(30));
    /**
     * The daemon's shared proxy: 100 agents with 8 connections each fit with room, and no agent can
     * starve the others. Each connection costs memory while open (about 50 KiB waiting,
     * bench/proxy.sh) and a thread while a request is in flight, so the limit also bounds memory.
     */
    static final ProxyLimits SHARED = new ProxyLimits(2048, 512, RUN.admission, RUN.idle, RUN.upstreamIdle);

    int admissionMillis() {
        return (int) admission.toMillis();
    }

    int idleMillis() {
        return (int) idle.toMillis();
    }

    int upstreamIdleMillis() {
        return (int) upstreamIdle.toMillis();
    }
}
