package io.authsome.store.internal.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class AuditReaderTest {
    @TempDir
    Path home;

    private final List<Thread> followers = new ArrayList<>();

    @AfterEach
    void stopFollowers() throws InterruptedException {
        for (Thread follower : followers) {
            follower.interrupt();
            follower.join(5000);
        }
    }

    private Thread follow(Runnable body) {
        Thread follower = new Thread(body, "follower");
        follower.setDaemon(true);
        followers.add(follower);
        follower.start();
        return follower;
    }

    private Path log() {
        return home.resolve("audit.log");
    }

    private static List<Long> seqs(List<Map<String, Object>> events) {
        return events.stream().map(Events::seq).toList();
    }

    private static List<Long> range(long from, long to) {
        return LongStream.range(from, to).boxed().toList();
    }

    @Test
    void tailReturnsTheLastEventsOldestFirst() throws Exception {
        AuditFile file = new AuditFile(log(), AuditSettings.DEFAULT);
        for (int seq = 0; seq < 30; seq++) {
            Events.append(file, Events.numbered("a", seq));
        }
        AuditReader reader = new AuditReader(log());
        assertEquals(range(25, 30), seqs(reader.tail(5)));
        assertEquals(range(0, 30), seqs(reader.tail(100)));
        assertEquals(List.of(), reader.tail(0));
        assertEquals(List.of(), new AuditReader(home.resolve("none/audit.log")).tail(5));
    }

    @Test
    void tailSkipsUnparseableLinesAndALineStillBeingWritten() throws Exception {
        AuditFile file = new AuditFile(log(), AuditSettings.DEFAULT);
        Events.append(file, Events.numbered("a", 0));
        Files.write(log(), "not json\n[1,2]\n\n".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
        Events.append(file, Events.numbered("a", 1));
        Files.write(log(), "{\"seq\": 99}".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND); // no newline yet
        assertEquals(List.of(0L, 1L), seqs(new AuditReader(log()).tail(10)));
        assertEquals(List.of(1L), seqs(new AuditReader(log()).tail(1)));
    }

    @Test
    void tailReachesIntoThePreviousFileWhenTheCurrentHasTooFew() throws Exception {
        AuditFile file = new AuditFile(log(), new AuditSettings(1000, 5));
        for (int seq = 0; seq < 40; seq++) {
            Events.append(file, Events.numbered("a", seq));
        }
        AuditReader reader = new AuditReader(log());
        int inCurrent = Files.readAllLines(log()).size();
        int inPrevious = Files.readAllLines(AuditFile.rotated(log(), 1)).size();
        assertEquals(range(40 - inCurrent - 2, 40), seqs(reader.tail(inCurrent + 2)));
        assertEquals(range(40 - inCurrent - inPrevious, 40), seqs(reader.tail(1000)), "not beyond audit.log.1");
    }

    @Test
    void tailReadsBackAcrossBlocks() throws Exception {
        AuditFile file = new AuditFile(log(), AuditSettings.DEFAULT);
        String padding = "x".repeat(700);
        for (int seq = 0; seq < 400; seq++) { // ~350 KiB: several 64 KiB blocks
            Events.append(file, Events.numbered("a", seq).with("padding", padding));
        }
        assertEquals(range(0, 400), seqs(new AuditReader(log()).tail(400)));
        assertEquals(range(150, 400), seqs(new AuditReader(log()).tail(250)));
    }

    @Test
    void followHandsOverTheTailThenNewEventsAcrossRotationsUntilInterrupted() throws Exception {
        AuditFile file = new AuditFile(log(), new AuditSettings(1000, 50));
        for (int seq = 0; seq < 3; seq++) {
            Events.append(file, Events.numbered("a", seq));
        }
        BlockingQueue<Map<String, Object>> seen = new LinkedBlockingQueue<>();
        AtomicReference<Throwable> ended = new AtomicReference<>();
        Thread follower = follow(() -> {
            try {
                new AuditReader(log()).follow(2, seen::add);
            } catch (Throwable e) {
                ended.set(e);
            }
        });
        assertEquals(1L, Events.seq(seen.poll(5, TimeUnit.SECONDS)));
        assertEquals(2L, Events.seq(seen.poll(5, TimeUnit.SECONDS)));

        Events.append(file, Events.numbered("a", 3));
        Map<String, Object> next = seen.poll(5, TimeUnit.SECONDS);
        assertNotNull(next, "an event appended after follow started is seen");
        assertEquals(3L, Events.seq(next));

        for (int seq = 4; seq < 40; seq++) { // several rotations within one poll
            Events.append(file, Events.numbered("a", seq));
        }
        assertTrue(Files.exists(AuditFile.rotated(log(), 3)));
        for (long seq = 4; seq < 40; seq++) {
            Map<String, Object> event = seen.poll(5, TimeUnit.SECONDS);
            assertNotNull(event, "event " + seq + " is seen");
            assertEquals(seq, Events.seq(event));
        }

        follower.interrupt();
        follower.join(5000);
        assertFalse(follower.isAlive(), "follow returns when interrupted");
        assertTrue(ended.get() instanceof InterruptedException, "ended with " + ended.get());
        assertTrue(seen.isEmpty(), "nothing seen twice: " + seen);
    }

    @Test
    void followWaitsForALogThatDoesNotExistYet() throws Exception {
        BlockingQueue<Map<String, Object>> seen = new LinkedBlockingQueue<>();
        Thread follower = follow(() -> {
            try {
                new AuditReader(log()).follow(20, seen::add);
            } catch (InterruptedException e) {
                // ends the test
            }
        });
        Thread.sleep(300);
        AuditFile file = new AuditFile(log(), AuditSettings.DEFAULT);
        Events.append(file, Events.numbered("a", 7));
        Map<String, Object> event = seen.poll(5, TimeUnit.SECONDS);
        assertNotNull(event);
        assertEquals(7L, Events.seq(event));
        follower.interrupt();
        follower.join(5000);
        assertFalse(follower.isAlive());
    }
}
