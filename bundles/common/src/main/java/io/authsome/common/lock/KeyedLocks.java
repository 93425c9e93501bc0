package io.authsome.common.lock;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A lock per key among the threads of this process, waited for at most a given time: the first
 * step of the refresh locks, before the lock that other processes see.
 *
 * @param <K> the key
 */
public final class KeyedLocks<K> {
    /** A lock held until closed. */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    private final Map<K, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final long waitSeconds;

    public KeyedLocks(long waitSeconds) {
        this.waitSeconds = waitSeconds;
    }

    /**
     * Takes the lock of {@code key}.
     *
     * @param name what the lock guards, for the error
     * @throws AuthsomeException {@code RUNTIME_UNAVAILABLE} when another holder kept it past the wait
     */
    public Held lock(K key, String name) throws AuthsomeException {
        ReentrantLock lock = locks.computeIfAbsent(key, k -> new ReentrantLock());
        try {
            if (!lock.tryLock(waitSeconds, TimeUnit.SECONDS)) {
                throw busy(name);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy(name);
        }
        return lock::unlock;
    }

    /** The error of a refresh of {@code name} that took longer than the wait. */
    public AuthsomeException busy(String name) {
        return new AuthsomeException(ErrorCode.RUNTIME_UNAVAILABLE, "another refresh of " + name
                + " has taken more than " + waitSeconds + " s", "try again");
    }
}
