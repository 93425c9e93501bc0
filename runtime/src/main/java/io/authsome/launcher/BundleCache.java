package io.authsome.launcher;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HexFormat;

/**
 * The framework's bundle cache, reused between runs so that a start does not install every jar
 * again. A cache can serve one process at a time, and several processes often run at once (a
 * console, a proxy, a script), so there is a small pool of cache slots per distribution, each
 * held with a file lock; when every slot is busy the process gets a private cache that it
 * deletes on exit.
 */
final class BundleCache implements AutoCloseable {
    static final int SLOTS = 4;

    private final Path directory;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private BundleCache(Path directory, FileChannel lockChannel, FileLock lock) {
        this.directory = directory;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** Takes a free slot under {@code cacheRoot} for the distribution at {@code distribution}. */
    static BundleCache acquire(Path cacheRoot, Path distribution) throws IOException {
        Path base = cacheRoot.resolve("authsome").resolve("felix-" + fingerprint(distribution));
        Files.createDirectories(base);
        for (int slot = 0; slot < SLOTS; slot++) {
            FileChannel channel = FileChannel.open(base.resolve("slot-" + slot + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock != null) {
                return new BundleCache(base.resolve("slot-" + slot), channel, lock);
            }
            channel.close();
        }
        return new BundleCache(Files.createTempDirectory(base, "private-"), null, null);
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    private static String fingerprint(Path distribution) {
        byte[] path = distribution.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8);
        int hash = java.util.Arrays.hashCode(path);
        return HexFormat.of().toHexDigits(hash);
    }

    /**
     * Records the distribution fingerprint this cache is used with.
     *
     * @return whether it differs from the one recorded before, so the cache must be rebuilt
     */
    boolean replaceStamp(String fingerprint) throws IOException {
        if (isPrivate()) {
            return true;
        }
        Path stamp = directory.resolveSibling(directory.getFileName() + ".stamp");
        String previous = Files.exists(stamp) ? Files.readString(stamp, StandardCharsets.UTF_8) : "";
        if (previous.equals(fingerprint)) {
            return false;
        }
        Files.writeString(stamp, fingerprint, StandardCharsets.UTF_8);
        return true;
    }

    Path directory() {
        return directory;
    }

    /** Whether this is a private cache that nobody will reuse. */
    boolean isPrivate() {
        return lock == null;
    }

    @Override
    public void close() throws IOException {
        if (lock == null) {
            deleteTree(directory);
            return;
        }
        lock.release();
        lockChannel.close();
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
