package io.authsome.proxy.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Copies bytes both ways between two connections until either side ends, for blind tunnels and
 * upgraded (WebSocket) connections. Each read is written and flushed at once.
 */
final class Pump {
    private static final int BUFFER = 32 * 1024;

    private Pump() {
    }

    /** Byte counts of a finished pump. */
    record Totals(long fromClient, long toClient) {
    }

    /** Runs until either direction ends, then closes both connections. */
    static Totals both(ExecutorService threads, InputStream clientIn, OutputStream clientOut, Closeable client,
                       InputStream upstreamIn, OutputStream upstreamOut, Closeable upstream) {
        AtomicLong toClient = new AtomicLong();
        Future<?> back = threads.submit(() -> {
            copy(upstreamIn, clientOut, toClient);
            closeQuietly(client);
            closeQuietly(upstream);
            return null;
        });
        AtomicLong fromClient = new AtomicLong();
        copy(clientIn, upstreamOut, fromClient);
        closeQuietly(upstream);
        closeQuietly(client);
        try {
            back.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            // The other direction already ended with its connection.
        }
        return new Totals(fromClient.get(), toClient.get());
    }

    private static void copy(InputStream in, OutputStream out, AtomicLong count) {
        byte[] buffer = new byte[BUFFER];
        try {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                out.write(buffer, 0, read);
                out.flush();
                count.addAndGet(read);
            }
        } catch (IOException e) {
            // Either side went away: the pump is over.
        }
    }

    private static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException ignored) {
            // Already closed.
        }
    }
}
