package io.authsome.proxy.internal;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * Gets a new proxy ready for its first requests while the child starts, on one background thread
 * that gives up after {@value #BUDGET_MILLIS} ms: the certificate and TLS context of each routed
 * host (from the leaf store; minted here when missing, which takes BouncyCastle's first load off
 * the first connection), then a TLS handshake and a few records in memory and a few thousand
 * request heads through the parser. Measured on a fresh home (bench/proxy.sh): the first 2,000
 * requests of a run came at 850-940 requests/s and 2.0-2.2 ms of CPU each without it, at
 * 1,550-2,050 and 0.85-0.96 ms with it. Many MiB of records instead of a few made no difference.
 */
final class Warmup implements Runnable {
    private static final long BUDGET_MILLIS = 400;
    private static final int RECORD = 16 * 1024;
    private static final int RECORDS = 16;
    private static final int HEADS = 3000;
    private static final long STOP_WAIT_MILLIS = 2000;
    private static final byte[] HEAD = ("POST /v1/items?page=2 HTTP/1.1\r\nHost: api.example.test\r\n"
            + "User-Agent: warmup/1.0\r\nAccept: application/json\r\nContent-Type: application/json\r\n"
            + "Authorization: Bearer placeholder\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1);

    private final InterceptTls intercept;
    private final List<String> hosts;
    private final long deadline;
    private volatile boolean stopped;
    private volatile Thread thread;

    Warmup(InterceptTls intercept, List<String> hosts) {
        this.intercept = intercept;
        this.hosts = hosts;
        this.deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BUDGET_MILLIS);
    }

    /**
     * Starts warming up for the routed hosts of {@code context}, on a daemon thread of low
     * priority; {@link #stop()} ends it at its next step.
     */
    static Warmup start(ProxyContext context) {
        Warmup warmup = new Warmup(context.intercept(), context.routes().hosts());
        Thread thread = new Thread(warmup, "authsome-proxy-warmup");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        warmup.thread = thread;
        thread.start();
        return warmup;
    }

    /**
     * The proxy is closing: no further step, and returns once the step in progress ended (a
     * certificate being minted is finished and kept), so that nothing writes to the home after
     * the proxy closed; waits {@link #STOP_WAIT_MILLIS} at most.
     */
    void stop() {
        stopped = true;
        Thread running = thread;
        if (running != null && running != Thread.currentThread()) {
            try {
                running.join(STOP_WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void run() {
        try {
            warm();
        } catch (GeneralSecurityException | java.io.IOException | RuntimeException e) {
            // Only a head start: the requests do the same work when they come.
        } catch (LinkageError e) {
            // The runtime stopped under it (a run whose command ended at once): its classes are gone.
        }
    }

    /** Does the work of the warm-up: the number of bytes that went through TLS (0 without a routed host). */
    long warm() throws GeneralSecurityException, java.io.IOException {
        SSLContext first = null;
        for (String host : hosts) {
            if (late()) {
                return 0;
            }
            SSLContext context = intercept.context(host);
            first = first == null ? context : first;
        }
        parseHeads();
        return first == null ? 0 : encrypt(first);
    }

    private boolean late() {
        return stopped || System.nanoTime() - deadline > 0;
    }

    private void parseHeads() throws java.io.IOException {
        for (int i = 0; i < HEADS && !late(); i++) {
            HttpHead head = HttpHead.read(new ByteArrayInputStream(HEAD));
            ClientRequest.of(head);
            head.tokens("Connection");
            head.set("Authorization", "Bearer other");
        }
    }

    /** A handshake between two engines in memory, then records both ways. */
    private long encrypt(SSLContext server) throws SSLException {
        SSLEngine serverEngine = server.createSSLEngine();
        serverEngine.setUseClientMode(false);
        SSLParameters parameters = serverEngine.getSSLParameters();
        parameters.setCipherSuites(CipherSuites.fastFirst(parameters.getCipherSuites()));
        parameters.setUseCipherSuitesOrder(true);
        serverEngine.setSSLParameters(parameters);
        SSLEngine clientEngine;
        try {
            clientEngine = intercept.ca().clientContext().createSSLEngine();
        } catch (GeneralSecurityException e) {
            return 0;
        }
        clientEngine.setUseClientMode(true);
        // Two records fit on a wire: one left over from the handshake and the next.
        int size = 2 * Math.max(serverEngine.getSession().getPacketBufferSize(),
                clientEngine.getSession().getPacketBufferSize());
        ByteBuffer toServer = ByteBuffer.allocate(size);
        ByteBuffer toClient = ByteBuffer.allocate(size);
        ByteBuffer plain = ByteBuffer.allocate(RECORD);
        ByteBuffer sink = ByteBuffer.allocate(Math.max(RECORD, serverEngine.getSession().getApplicationBufferSize()) * 2);
        ByteBuffer empty = ByteBuffer.allocate(0);
        clientEngine.beginHandshake();
        serverEngine.beginHandshake();
        for (int step = 0; step < 100 && handshaking(clientEngine, serverEngine) && !late(); step++) {
            shake(clientEngine, empty, toServer, toClient, sink);
            shake(serverEngine, empty, toClient, toServer, sink);
        }
        long decrypted = 0;
        for (int i = 0; i < RECORDS && !late(); i++) {
            boolean serverSends = i % 2 == 0;
            SSLEngine to = serverSends ? clientEngine : serverEngine;
            ByteBuffer wire = serverSends ? toClient : toServer; // what is still on it (a session ticket) goes first
            plain.clear();
            (serverSends ? serverEngine : clientEngine).wrap(plain, wire);
            wire.flip();
            while (wire.hasRemaining()) {
                sink.clear();
                SSLEngineResult result = to.unwrap(wire, sink);
                decrypted += result.bytesProduced();
                if (result.getStatus() != SSLEngineResult.Status.OK) {
                    break;
                }
            }
            wire.compact();
        }
        return decrypted;
    }

    private static boolean handshaking(SSLEngine a, SSLEngine b) {
        return a.getHandshakeStatus() != SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING
                || b.getHandshakeStatus() != SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING;
    }

    /** One step of {@code engine}'s handshake: reads what the peer sent ({@code in}), writes to {@code out}. */
    private static void shake(SSLEngine engine, ByteBuffer empty, ByteBuffer out, ByteBuffer in, ByteBuffer sink)
            throws SSLException {
        switch (engine.getHandshakeStatus()) {
            case NEED_WRAP -> engine.wrap(empty, out);
            case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                in.flip();
                sink.clear();
                engine.unwrap(in, sink);
                in.compact();
            }
            case NEED_TASK -> {
                for (Runnable task = engine.getDelegatedTask(); task != null; task = engine.getDelegatedTask()) {
                    task.run();
                }
            }
            default -> {
            }
        }
    }
}
