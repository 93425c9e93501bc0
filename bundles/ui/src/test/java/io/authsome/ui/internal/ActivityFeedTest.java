package io.authsome.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.authsome.api.audit.AuditEvent;
import io.authsome.api.audit.AuditLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ActivityFeedTest {
    /** An audit log whose new events are what the test puts in {@link #appended}. */
    static final class LiveLog implements AuditLog {
        final BlockingQueue<Map<String, Object>> appended = new LinkedBlockingQueue<>();
        final CountDownLatch following = new CountDownLatch(1);
        volatile int follows;
        volatile boolean stopped;
        List<Map<String, Object>> written = new ArrayList<>();

        @Override
        public void record(AuditEvent event) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Map<String, Object>> tail(int count) {
            return written;
        }

        @Override
        public void follow(int count, Consumer<Map<String, Object>> sink) throws InterruptedException {
            follows++;
            following.countDown();
            try {
                while (true) {
                    sink.accept(appended.take());
                }
            } finally {
                stopped = true;
            }
        }
    }

    static Map<String, Object> event(String time, String provider, String outcome) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("time", time);
        event.put("event", "proxy_request");
        event.put("provider", provider);
        event.put("outcome", outcome);
        event.put("status", outcome.equals("success") ? 200 : 403);
        return event;
    }

    private final LiveLog log = new LiveLog();
    private final ActivityFeed feed = new ActivityFeed(log, new PrintStream(new ByteArrayOutputStream()));

    @Test
    void eachListenerGetsTheEventsItsFilterAcceptsAndFollowingStopsWithTheLastOne() throws Exception {
        ActivityFeed.Listener everything = feed.listen(ActivityFilter.ANY).orElseThrow();
        ActivityFeed.Listener failures = feed.listen(new ActivityFilter("github", null, null, "failure")).orElseThrow();
        assertTrue(log.following.await(5, TimeUnit.SECONDS));
        log.appended.add(event("2026-12-02T10:00:00Z", "github", "success"));
        log.appended.add(event("2026-12-02T10:00:01Z", "github", "failure"));
        log.appended.add(event("2026-12-02T10:00:02Z", "openai", "failure"));
        assertTrue(everything.next(5_000).contains("10:00:00Z"));
        assertTrue(everything.next(5_000).contains("10:00:01Z"));
        assertTrue(everything.next(5_000).contains("10:00:02Z"));
        String only = failures.next(5_000);
        assertTrue(only.contains("\"provider\":\"github\"") && only.contains("failure"), only);
        assertFalse(only.contains("\n"), "one line: one data: field");
        assertNull(failures.next(100));
        everything.close();
        failures.close();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!log.stopped && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(log.stopped, "nobody listens: the log is no longer followed");
        assertEquals(1, log.follows);
    }

    @Test
    void aListenerThatDoesNotKeepUpLosesEventsAndIsToldHowManyWhileMemoryStaysBounded() throws Exception {
        ActivityFeed.Listener slow = feed.listen(ActivityFilter.ANY).orElseThrow();
        assertTrue(log.following.await(5, TimeUnit.SECONDS));
        int sent = ActivityFeed.QUEUE + 500;
        for (int i = 0; i < sent; i++) {
            log.appended.add(event("2026-12-02T10:00:00Z", "github", "success"));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!log.appended.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Thread.sleep(50);
        int received = 0;
        while (slow.next(50) != null) {
            received++;
        }
        assertEquals(ActivityFeed.QUEUE, received);
        assertEquals(500, slow.takeDropped());
        assertEquals(0, slow.takeDropped());
        slow.close();
    }

    @Test
    void pagesBeyondTheLimitAreRefusedAndClosingTheFeedEndsEveryStream() {
        List<ActivityFeed.Listener> listeners = new ArrayList<>();
        for (int i = 0; i < ActivityFeed.MAX_LISTENERS; i++) {
            listeners.add(feed.listen(ActivityFilter.ANY).orElseThrow());
        }
        assertEquals(Optional.empty(), feed.listen(ActivityFilter.ANY));
        listeners.remove(0).close();
        assertTrue(feed.listen(ActivityFilter.ANY).isPresent(), "room again");
        feed.close();
        assertTrue(listeners.stream().noneMatch(ActivityFeed.Listener::open));
        assertEquals(Optional.empty(), feed.listen(ActivityFilter.ANY));
    }

    @Test
    void aStreamSendsTheEventsAfterThePagesLastOneThenTheNewOnesEachOnce() throws Exception {
        log.written = List.of(event("2026-12-02T10:00:00Z", "github", "success"),
                event("2026-12-02T10:00:01.500Z", "github", "success"),
                event("2026-12-02T10:00:02Z", "github", "success"));
        ActivityFeed.Listener listener = feed.listen(ActivityFilter.ANY).orElseThrow();
        assertTrue(log.following.await(5, TimeUnit.SECONDS));
        // recorded while the backlog was read: in both, sent once
        log.appended.add(event("2026-12-02T10:00:02Z", "github", "success"));
        log.appended.add(event("2026-12-02T10:00:03Z", "github", "success"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread streaming = new Thread(() -> {
            try {
                new ActivityStream(listener, log.written, java.time.Instant.parse("2026-12-02T10:00:01Z")).stream(out);
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        });
        streaming.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!out.toString(StandardCharsets.UTF_8).contains("10:00:03Z") && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        feed.close();
        listener.close();
        streaming.interrupt();
        streaming.join(5_000);
        String sent = out.toString(StandardCharsets.UTF_8);
        assertFalse(sent.contains("10:00:00Z"), "before the page's last event: " + sent);
        assertEquals(List.of("10:00:01.500Z", "10:00:02Z", "10:00:03Z"), times(sent));
    }

    private static List<String> times(String stream) {
        List<String> times = new ArrayList<>();
        for (String line : stream.split("\n")) {
            if (line.startsWith("data: {")) {
                int at = line.indexOf("\"time\":\"") + 8;
                times.add(line.substring(at + 11, line.indexOf('"', at)));
            }
        }
        return times;
    }
}
