package io.authsome.store.internal;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The vault's write lock, across threads and processes: a reentrant lock in this process and an
 * exclusive OS lock on {@code vault.lock} between processes. The OS releases the lock of a process
 * that dies, so a killed writer never blocks the others for good. Other files of the home that are
 * changed by read-modify-write ({@code agents.json}) use one of their own.
 */
public final class VaultLock {
    /** What runs under the lock. */
    public interface Action<T> {
        T run() throws AuthsomeException;
    }

    static final long WAIT_MILLIS = 30_000;

    private final Path file;
    private final ReentrantLock local = new ReentrantLock();
    private FileChannel channel;
    private FileLock lock;

    public VaultLock(Path file) {
        this.file = file;
    }

    public <T> T withLock(Action<T> action) throws AuthsomeException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
        try {
            if (!local.tryLock(WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                throw busy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy();
        }
        try {
            if (local.getHoldCount() == 1) {
                acquireFileLock(deadline);
            }
            try {
                return action.run();
            } finally {
                if (local.getHoldCount() == 1) {
                    releaseFileLock();
                }
            }
        } finally {
            local.unlock();
        }
    }

    /** Whether the lock can be taken now (for doctor); takes and releases it. */
    boolean isAcquirable() {
        try {
            return withLock(() -> true);
        } catch (AuthsomeException e) {
            return false;
        }
    }

    private void acquireFileLock(long deadline) throws AuthsomeException {
        try {
            Files.createDirectories(file.getParent());
            channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.READ), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            while (true) {
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException e) {
                    lock = null;
                }
                if (lock != null) {
                    writeOwner();
                    return;
                }
                if (System.nanoTime() > deadline) {
                    channel.close();
                    throw busy();
                }
                Thread.sleep(10);
            }
        } catch (IOException e) {
            throw new AuthsomeException(ErrorCode.UNEXPECTED, "cannot lock " + file + ": " + e.getMessage(),
                    "authsome doctor");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy();
        }
    }

    private void writeOwner() throws IOException {
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)), 0);
    }

    private void releaseFileLock() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // Closing the channel releases the lock in any case.
        } finally {
            lock = null;
            channel = null;
        }
    }

    private AuthsomeException busy() {
        String owner;
        try {
            owner = Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            owner = "?";
        }
        return new AuthsomeException(ErrorCode.RUNTIME_UNAVAILABLE, "the vault is busy: process " + owner
                + " has held " + file + " for more than " + WAIT_MILLIS / 1000 + " s", "try again when it finishes");
    }
}
