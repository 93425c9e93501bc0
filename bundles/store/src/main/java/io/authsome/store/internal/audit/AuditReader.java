package io.authsome.store.internal.audit;

import io.authsome.common.json.Json;
import io.authsome.common.json.MalformedJsonException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Reads events back from {@code audit.log}: complete lines only (a line still being written has
 * no newline yet), lines that do not parse as a JSON object skipped. Files are read with
 * {@link RandomAccessFile}, which an interrupt does not close.
 */
final class AuditReader {
    static final long POLL_MILLIS = 250;
    private static final int BLOCK = 64 * 1024;

    private final Path log;

    AuditReader(Path log) {
        this.log = log.toAbsolutePath();
    }

    /** The last {@code count} events, oldest first, from the log and, when it has too few, {@code audit.log.1}. */
    List<Map<String, Object>> tail(int count) {
        try (Source current = Source.open(log)) {
            return tail(current, current == null ? 0 : current.length(), count);
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Hands the last {@code count} events to {@code sink}, then each new one, until interrupted. */
    void follow(int count, Consumer<Map<String, Object>> sink) throws InterruptedException {
        Source current = null;
        try {
            current = Source.open(log);
            long position = current == null ? 0 : current.length();
            tail(current, position, count).forEach(sink);
            while (true) {
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                if (current != null) {
                    position = current.emitNew(position, sink);
                }
                BasicFileAttributes now = AuditFile.attributes(log);
                if (now != null && (current == null || !Objects.equals(now.fileKey(), current.key)
                        || now.size() < position)) {
                    // Rotated or truncated. A rotated file is finished: emit the rest of it (lines may
                    // have landed since it was read above), then the files rotated since (several
                    // rotations within one poll), then start the new log from its beginning.
                    if (current != null && !Objects.equals(now.fileKey(), current.key)) {
                        current.emitNew(position, sink);
                        emitRotatedAfter(current.key, sink);
                    }
                    closeQuietly(current);
                    current = Source.open(log);
                    position = 0;
                    continue;
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + log + ": " + e.getMessage(), e);
        } finally {
            closeQuietly(current);
        }
    }

    /** Emits every rotated file newer than the one with {@code key}, oldest first. */
    private void emitRotatedAfter(Object key, Consumer<Map<String, Object>> sink) throws IOException {
        int found = 0;
        for (int n = 1; found == 0; n++) {
            BasicFileAttributes attributes = AuditFile.attributes(AuditFile.rotated(log, n));
            if (attributes == null) {
                return; // the old file is gone (deleted as the oldest, or keep is 0): nothing to replay
            }
            if (Objects.equals(key, attributes.fileKey())) {
                found = n;
            }
        }
        for (int n = found - 1; n >= 1; n--) {
            try (Source newer = Source.open(AuditFile.rotated(log, n))) {
                if (newer != null) {
                    newer.emitNew(0, sink);
                }
            }
        }
    }

    private List<Map<String, Object>> tail(Source current, long end, int count) throws IOException {
        if (count <= 0) {
            return List.of();
        }
        Deque<Map<String, Object>> events = new ArrayDeque<>();
        if (current != null) {
            current.lastEvents(end, count, events);
        }
        if (events.size() < count) {
            try (Source previous = Source.open(AuditFile.rotated(log, 1))) {
                if (previous != null) {
                    Deque<Map<String, Object>> older = new ArrayDeque<>();
                    previous.lastEvents(previous.length(), count - events.size(), older);
                    older.descendingIterator().forEachRemaining(events::addFirst);
                }
            }
        }
        return new ArrayList<>(events);
    }

    private static void closeQuietly(Source source) {
        if (source != null) {
            source.close();
        }
    }

    static Map<String, Object> parse(byte[] bytes, int from, int to) {
        if (to <= from) {
            return null;
        }
        try {
            return Json.parseObject(Arrays.copyOfRange(bytes, from, to));
        } catch (MalformedJsonException e) {
            return null;
        }
    }

    /** One open log file and the identity it had when opened. */
    private static final class Source implements AutoCloseable {
        private final RandomAccessFile file;
        private final Object key;

        private Source(RandomAccessFile file, Object key) {
            this.file = file;
            this.key = key;
        }

        /** The file at {@code path}, or {@code null} when there is none. */
        static Source open(Path path) throws IOException {
            BasicFileAttributes attributes = AuditFile.attributes(path);
            if (attributes == null) {
                return null;
            }
            try {
                return new Source(new RandomAccessFile(path.toFile(), "r"), attributes.fileKey());
            } catch (java.io.FileNotFoundException e) {
                return null; // rotated away between the two calls: the caller polls again
            }
        }

        long length() throws IOException {
            return file.length();
        }

        /** Adds to the front of {@code events} the last {@code count} events that end before {@code end}. */
        void lastEvents(long end, int count, Deque<Map<String, Object>> events) throws IOException {
            long position = Math.min(end, file.length());
            byte[] rest = new byte[0]; // bytes after position, up to the end of the line being assembled
            boolean unterminated = true; // the bytes after the last newline are not a complete line
            while (position > 0 && events.size() < count) {
                int length = (int) Math.min(BLOCK, position);
                position -= length;
                byte[] bytes = new byte[length + rest.length];
                file.seek(position);
                file.readFully(bytes, 0, length);
                System.arraycopy(rest, 0, bytes, length, rest.length);
                int lineEnd = bytes.length;
                for (int i = length - 1; i >= 0 && events.size() < count; i--) {
                    if (bytes[i] == '\n') {
                        if (!unterminated) {
                            add(events, parse(bytes, i + 1, lineEnd));
                        }
                        unterminated = false;
                        lineEnd = i;
                    }
                }
                rest = Arrays.copyOf(bytes, lineEnd);
            }
            if (position == 0 && !unterminated && events.size() < count) {
                add(events, parse(rest, 0, rest.length)); // the first line of the file
            }
        }

        /** Emits the complete lines from {@code position}; returns where the next unread line starts. */
        long emitNew(long position, Consumer<Map<String, Object>> sink) throws IOException {
            long length = file.length();
            while (position < length) {
                int size = (int) Math.min(BLOCK, length - position);
                byte[] bytes = new byte[size];
                file.seek(position);
                file.readFully(bytes);
                int start = 0;
                for (int i = 0; i < size; i++) {
                    if (bytes[i] == '\n') {
                        Map<String, Object> event = parse(bytes, start, i);
                        if (event != null) {
                            sink.accept(event);
                        }
                        start = i + 1;
                    }
                }
                if (start == 0) {
                    if (size == BLOCK) {
                        start = size; // a line longer than a block is not an audit line: skip it
                    } else {
                        break; // an incomplete line: read it again next time
                    }
                }
                position += start;
            }
            return position;
        }

        private static void add(Deque<Map<String, Object>> events, Map<String, Object> event) {
            if (event != null) {
                events.addFirst(event);
            }
        }

        @Override
        public void close() {
            try {
                file.close();
            } catch (IOException e) {
                // read-only
            }
        }
    }
}
