package io.authsome.store.internal;

import io.authsome.common.json.Json;
import io.authsome.common.json.MalformedJsonException;
import io.authsome.common.seal.RecordCipher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the vault's sealed files last decrypted to, kept so that a file read again unchanged is
 * not decrypted and parsed again: the proxy reads a connection's index and record for every
 * request. Each use looks at the file anew; a hit is exactly what decrypting the file now would
 * give, also to a process holding a refresh lock: nothing is ever served that is not on disk.
 *
 * <p>A file is known unchanged by its stamp (inode, size, modification and change times: one
 * {@code stat}) once it has settled: when its change time was more than {@link #SETTLED_MILLIS}
 * before the stat that preceded its reading. Any change made after that stat (a new file renamed
 * over it, as the vault writes, or a write in place) gives the file a change time after it, so
 * another stamp; the change time cannot be set by a program. Until a file has settled, it is read
 * again and its bytes compared with those kept, since file times are coarse: a file changed twice
 * within one tick of the file clock can keep its times (git treats such "racily clean" files the
 * same way). A new keyring (rekey) makes a new cipher, which misses. At most {@value #CAPACITY}
 * files, the least recently used dropped first. Thread-safe.
 */
final class OpenedRecords {
    private static final int CAPACITY = 256;
    /** How long before a stat a file's last change must be for its stamp to stand for its bytes. */
    private static final long SETTLED_MILLIS = 2_000;

    /** Turns a decrypted file into its value; the value must never be changed afterwards. */
    interface Decoder<T> {
        T decode(byte[] plaintext) throws MalformedJsonException;
    }

    /** What a {@code stat} of a file tells of it; {@code null} where the file system has no inode numbers. */
    private record Stamp(Object inode, long size, FileTime modified, FileTime changed) {
        static Stamp of(Path file) throws IOException {
            Map<String, Object> attributes;
            try {
                attributes = Files.readAttributes(file, "unix:ino,size,lastModifiedTime,ctime");
            } catch (UnsupportedOperationException e) {
                return null;
            }
            return new Stamp(attributes.get("ino"), (Long) attributes.get("size"),
                    (FileTime) attributes.get("lastModifiedTime"), (FileTime) attributes.get("ctime"));
        }
    }

    /** A file's value, with its bytes and the stamp it had before they were read. */
    private record Opened(Stamp stamp, boolean settled, byte[] sealed, RecordCipher cipher, Object value) {
    }

    private final long settledMillis;
    private final Map<Path, Opened> opened = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Path, Opened> eldest) {
            return size() > CAPACITY;
        }
    };

    OpenedRecords() {
        this(SETTLED_MILLIS);
    }

    /** With files settled after {@code settledMillis} (tests use less than {@link #SETTLED_MILLIS}). */
    OpenedRecords(long settledMillis) {
        this.settledMillis = settledMillis;
    }

    /**
     * The value of {@code file}, decrypted with {@code cipher} unless the file is as it was the last
     * time: the same stamp, once it has settled, else the same bytes.
     */
    @SuppressWarnings("unchecked")
    <T> T open(SealedFile file, RecordCipher cipher, Decoder<T> decoder)
            throws IOException, MalformedJsonException, RecordCipher.UnreadableRecordException {
        long statted = System.currentTimeMillis();
        Stamp stamp = Stamp.of(file.path()); // before the bytes: a change after it gives another stamp
        Opened last;
        synchronized (opened) {
            last = opened.get(file.path());
        }
        if (last != null && last.cipher() == cipher && last.settled() && last.stamp().equals(stamp)) {
            return (T) last.value();
        }
        byte[] sealed = Files.readAllBytes(file.path());
        T value = last != null && last.cipher() == cipher && Arrays.equals(last.sealed(), sealed) ? (T) last.value()
                : decoder.decode(cipher.open(Json.parseObject(sealed), file.identity()));
        boolean settled = stamp != null && stamp.changed().toMillis() < statted - settledMillis;
        synchronized (opened) {
            opened.put(file.path(), new Opened(stamp, settled, sealed, cipher, value));
        }
        return value;
    }
}
