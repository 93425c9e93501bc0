package io.authsome.store.internal;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.store.StoreBackend;
import io.authsome.common.files.PrivateFiles;
import io.authsome.common.lock.KeyedLocks;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One refresh at a time per connection, across threads (a lock per lock file, shared by every
 * vault of this JVM, since the OS lock of one JVM does not exclude its own threads) and across
 * processes (an OS lock on {@code locks/<profile>/<provider>/<connection>.lock} in the home,
 * released by the kernel if the holder dies). Held for the whole refresh, network call included;
 * the vault lock is not, so other connections are never held up.
 */
final class FileRefreshLock {
    static final long WAIT_SECONDS = 120;

    private static final KeyedLocks<Path> LOCAL = new KeyedLocks<>(WAIT_SECONDS);

    private final Path root;

    FileRefreshLock(Path root) {
        this.root = root;
    }

    <T> T withLock(String profile, String provider, String connection, StoreBackend.Locked<T> action) throws AuthsomeException {
        String key = profile + "/" + provider + "/" + connection;
        Path file = root.resolve(profile).resolve(provider).resolve(connection + ".lock").toAbsolutePath().normalize();
        try (KeyedLocks.Held local = LOCAL.lock(file, key)) {
            PrivateFiles.ensureDirectory(file.getParent());
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                return action.run();
            }
        } catch (IOException e) {
            throw new AuthsomeException(ErrorCode.UNEXPECTED, "cannot take the refresh lock of " + key + ": "
                    + e.getMessage(), "authsome doctor");
        }
    }
}
