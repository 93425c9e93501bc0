package io.authsome.store.internal.audit;

import io.authsome.common.files.PrivateFiles;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Appends lines to {@code audit.log}, shared by every process of one home, and rotates it by size.
 * <p>
 * Every append happens under an exclusive lock on the sibling {@code audit.lock}: it rotates the
 * log when full ({@code audit.log -> .1 -> .2 ... -> .<keep>}, the oldest deleted), reopens it
 * when the path no longer names the open file (rotated, deleted or replaced by someone else),
 * then writes the line in one {@code write} on a channel opened with {@code APPEND}. The channel
 * stays open between writes (no fsync). A writer killed in the middle of a line (or stopped by a
 * full disk) leaves a torn last line with no newline: the next line then starts with a newline
 * of its own, so the torn one stays alone (readers skip it) instead of swallowing the new event.
 * Because no other writer can be half-way through a line while the lock is held, a last byte
 * that is not a newline always means such a torn line.
 */
final class AuditFile implements Closeable {
    private static final FileAttribute<Set<PosixFilePermission>> PRIVATE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    /** File locks belong to the whole JVM: two holders in one JVM would fail, so they take turns here first. */
    private static final ConcurrentMap<Path, Object> JVM_LOCKS = new ConcurrentHashMap<>();

    private final Path log;
    private final Path lock;
    private final long maxBytes;
    private final int keep;
    private FileChannel channel;
    /** The same file opened for reading: appends can only write, and the last byte must be read. */
    private FileChannel reader;
    private Object fileKey;

    AuditFile(Path log, AuditSettings settings) {
        this.log = log.toAbsolutePath();
        this.lock = this.log.resolveSibling("audit.lock");
        this.maxBytes = settings.maxBytes();
        this.keep = settings.keep();
    }

    /** The rotated file {@code n} (1 is the newest). */
    Path rotated(int n) {
        return rotated(log, n);
    }

    static Path rotated(Path log, int n) {
        return log.resolveSibling(log.getFileName() + "." + n);
    }

    /** Appends {@code line}: one or more whole lines, the last ending with a newline, in one write. */
    synchronized void append(byte[] line) throws IOException {
        // An interrupted caller would close the shared channel (FileChannel is interruptible):
        // keep the caller's interrupt for the caller, not for our file.
        boolean interrupted = Thread.interrupted();
        try {
            PrivateFiles.ensureDirectory(log.getParent());
            synchronized (JVM_LOCKS.computeIfAbsent(lock, key -> new Object())) {
                try (FileChannel lockChannel = FileChannel.open(lock, Set.of(StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE), PRIVATE);
                     FileLock ignored = lockChannel.lock()) {
                    openCurrentLog();
                    write(ByteBuffer.wrap(endsTorn() ? withLeadingNewline(line) : line));
                }
            }
        } catch (IOException | RuntimeException e) {
            closeQuietly();
            throw e;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void write(ByteBuffer buffer) throws IOException {
        channel.write(buffer);
        while (buffer.hasRemaining()) { // a regular file takes it all at once unless the disk is full
            channel.write(buffer);
        }
    }

    /** Whether the file ends in the middle of a line. */
    private boolean endsTorn() throws IOException {
        long size = channel.size();
        if (size == 0) {
            return false;
        }
        ByteBuffer last = ByteBuffer.allocate(1);
        return reader.read(last, size - 1) == 1 && last.get(0) != '\n';
    }

    private static byte[] withLeadingNewline(byte[] line) {
        byte[] separated = new byte[line.length + 1];
        separated[0] = '\n';
        System.arraycopy(line, 0, separated, 1, line.length);
        return separated;
    }

    @Override
    public synchronized void close() {
        closeQuietly();
    }

    /** Under the lock: rotates when the log is full, then opens the log unless the open channel is still it. */
    private void openCurrentLog() throws IOException {
        BasicFileAttributes current = attributes(log);
        if (current != null && current.size() >= maxBytes) {
            rotate();
            current = null;
        }
        if (channel == null || !channel.isOpen() || current == null
                || !Objects.equals(fileKey, current.fileKey())) {
            closeQuietly();
            channel = FileChannel.open(log, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND), PRIVATE);
            reader = FileChannel.open(log, StandardOpenOption.READ);
            BasicFileAttributes opened = attributes(log);
            fileKey = opened == null ? null : opened.fileKey();
        }
    }

    private void rotate() throws IOException {
        if (keep == 0) {
            Files.deleteIfExists(log);
            return;
        }
        Files.deleteIfExists(rotated(keep));
        for (int n = keep - 1; n >= 1; n--) {
            move(rotated(n), rotated(n + 1));
        }
        move(log, rotated(1));
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            // a gap in the sequence: nothing to shift
        }
    }

    static BasicFileAttributes attributes(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class);
        } catch (IOException e) {
            return null;
        }
    }

    private void closeQuietly() {
        for (FileChannel open : new FileChannel[] {channel, reader}) {
            if (open != null) {
                try {
                    open.close();
                } catch (IOException e) {
                    // nothing was buffered: every line went out in its own write
                }
            }
        }
        channel = null;
        reader = null;
        fileKey = null;
    }
}
