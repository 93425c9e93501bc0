package io.authsome.store.internal.credential;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * One run at a time per key in this process, shared: a caller that comes while the key's work
 * runs waits for it and gets its result (or its failure) instead of running it again. Many
 * threads of a daemon that find one token due cost one pass through the refresh lock, not one
 * each.
 */
final class SingleFlight<T> {
    /** The work shared by the callers of one key. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws AuthsomeException;
    }

    private final ConcurrentHashMap<String, CompletableFuture<T>> flights = new ConcurrentHashMap<>();

    T run(String key, Work<T> work) throws AuthsomeException {
        CompletableFuture<T> mine = new CompletableFuture<>();
        CompletableFuture<T> running = flights.putIfAbsent(key, mine);
        if (running != null) {
            return await(running);
        }
        try {
            T result = work.run();
            mine.complete(result);
            return result;
        } catch (AuthsomeException | RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            flights.remove(key, mine);
        }
    }

    private static <T> T await(CompletableFuture<T> running) throws AuthsomeException {
        try {
            return running.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuthsomeException(ErrorCode.RUNTIME_UNAVAILABLE,
                    "interrupted while another thread renewed the token", "try again");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AuthsomeException failure) {
                throw new AuthsomeException(failure.code(), failure.getMessage(), failure.nextStep());
            }
            throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
        }
    }
}
