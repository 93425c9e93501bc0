package io.authsome.store.internal.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class AuditFileTest {
    @TempDir
    Path home;

    private Path log() {
        return home.resolve("audit.log");
    }

    @Test
    void aTornLastLineLeftByAKilledWriterDoesNotSwallowTheNextEvent() throws Exception {
        AuditFile file = new AuditFile(log(), new AuditSettings(1_000_000, 2));
        Events.append(file, Events.numbered("a", 1));
        byte[] whole = AuditLines.format(Events.numbered("killed", 2), Instant.now());
        // Another writer killed mid-line, while this one has the log open...
        Files.write(log(), Arrays.copyOf(whole, whole.length / 2), StandardOpenOption.APPEND);
        Events.append(file, Events.numbered("a", 3));
        // ...and again before a process that opens the log afterwards writes.
        Files.write(log(), Arrays.copyOf(whole, 10), StandardOpenOption.APPEND);
        AuditFile later = new AuditFile(log(), new AuditSettings(1_000_000, 2));
        Events.append(later, Events.numbered("b", 4));
        file.close();
        later.close();

        List<Map<String, Object>> events = new AuditReader(log()).tail(10);
        assertEquals(List.of(1L, 3L, 4L), events.stream().map(Events::seq).toList(), "no event swallowed");
        List<String> lines = Files.readAllLines(log());
        assertEquals(5, lines.size(), "each torn line stands alone: " + lines);
        assertEquals(new String(whole, 0, 10, StandardCharsets.UTF_8), lines.get(3));
    }

    @Test
    void rotationKeepsAtMostKeepFilesAndDeletesTheOldest() throws Exception {
        AuditFile file = new AuditFile(log(), new AuditSettings(1000, 3));
        for (int seq = 0; seq < 100; seq++) {
            Events.append(file, Events.numbered("a", seq));
        }
        file.close();

        assertTrue(Files.exists(log()));
        for (int n = 1; n <= 3; n++) {
            Path rotated = AuditFile.rotated(log(), n);
            assertTrue(Files.exists(rotated), rotated + " exists");
            long size = Files.size(rotated);
            assertTrue(size >= 1000 && size < 1000 + 300, rotated + " was rotated on reaching 1000 bytes: " + size);
        }
        assertFalse(Files.exists(AuditFile.rotated(log(), 4)), "never more than keep rotated files");
        try (var listing = Files.list(home)) {
            assertEquals(List.of("audit.lock", "audit.log", "audit.log.1", "audit.log.2", "audit.log.3"),
                    listing.map(path -> path.getFileName().toString()).sorted().toList());
        }
        List<Map<String, Object>> kept = Events.allEvents(log());
        assertEquals(99, Events.seq(kept.get(kept.size() - 1)), "the newest event is in audit.log");
        for (int i = 1; i < kept.size(); i++) {
            assertEquals(Events.seq(kept.get(i - 1)) + 1, Events.seq(kept.get(i)), "the kept events are contiguous");
        }
    }

    @Test
    void noEventIsLostAcrossRotationsWithinCapacity() throws Exception {
        AuditFile file = new AuditFile(log(), new AuditSettings(1000, 20));
        for (int seq = 0; seq < 60; seq++) {
            Events.append(file, Events.numbered("a", seq));
        }
        file.close();

        assertTrue(Files.exists(AuditFile.rotated(log(), 5)), "rotated several times");
        assertFalse(Files.exists(AuditFile.rotated(log(), 20)), "within capacity: nothing deleted");
        List<Map<String, Object>> events = Events.allEvents(log());
        assertEquals(60, events.size());
        for (int seq = 0; seq < 60; seq++) {
            assertEquals(seq, Events.seq(events.get(seq)), "in order across files");
        }
    }

    @Test
    void fourThreadsWriteEveryLineWhole() throws Exception {
        AuditFile file = new AuditFile(log(), new AuditSettings(16 * 1024, 1000));
        int threads = 4;
        int each = 200;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String writer = "t" + t;
            done.add(pool.submit(() -> {
                start.await();
                for (int seq = 0; seq < each; seq++) {
                    Events.append(file, Events.numbered(writer, seq));
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> future : done) {
            future.get();
        }
        pool.shutdown();
        file.close();

        List<Map<String, Object>> events = Events.allEvents(log()); // fails on any torn line
        assertEquals(threads * each, events.size());
        for (int t = 0; t < threads; t++) {
            String writer = "t" + t;
            List<Long> seqs = events.stream().filter(e -> writer.equals(e.get("writer"))).map(Events::seq).toList();
            assertEquals(each, seqs.size(), writer);
            for (int seq = 0; seq < each; seq++) {
                assertEquals(seq, seqs.get(seq), writer + " in order");
            }
        }
    }

    @Test
    void theLogAndItsRotatedFilesAreReadableByTheOwnerOnly() throws Exception {
        AuditFile file = new AuditFile(home.resolve("sub/audit.log"), new AuditSettings(300, 2));
        for (int seq = 0; seq < 5; seq++) {
            Events.append(file, Events.numbered("a", seq));
        }
        file.close();
        for (String name : List.of("audit.log", "audit.log.1", "audit.lock")) {
            assertEquals("rw-------", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(home.resolve("sub").resolve(name))), name);
        }
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("sub"))));
    }

    @Test
    void aLogDeletedByOthersIsRecreated() throws Exception {
        AuditFile file = new AuditFile(log(), AuditSettings.DEFAULT);
        Events.append(file, Events.numbered("a", 0));
        Files.delete(log());
        Thread.sleep(1100); // the path is compared with the open file once a second
        Events.append(file, Events.numbered("a", 1));
        file.close();
        assertEquals(List.of(1L), Events.allEvents(log()).stream().map(Events::seq).toList());
    }

    @Test
    void anInterruptedCallerNeitherBreaksTheLogNorLosesItsInterrupt() throws Exception {
        AuditFile file = new AuditFile(log(), AuditSettings.DEFAULT);
        Thread.currentThread().interrupt();
        try {
            Events.append(file, Events.numbered("a", 0));
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
        Events.append(file, Events.numbered("a", 1));
        file.close();
        assertEquals(2, Events.allEvents(log()).size());
    }
}
