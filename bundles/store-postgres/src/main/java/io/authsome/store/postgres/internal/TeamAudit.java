package io.authsome.store.postgres.internal;

import io.authsome.api.AuthsomeException;
import io.authsome.api.store.AuditTrail;
import io.authsome.common.json.Json;
import io.authsome.common.json.MalformedJsonException;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The store's audit trail: events queued in memory and written in batches by a thread of their
 * own, so that no audited action waits on the database. While the database cannot be reached
 * they wait in the queue (up to {@value #QUEUE} events; past that new ones are counted and
 * dropped, the home's {@code audit.log} still has them). Closing writes what is queued, for at
 * most two seconds. The trail reads back by the time each event happened (the clocks of the
 * machines that recorded them); a follower sees new events in the order they were written.
 */
final class TeamAudit implements AuditTrail, AutoCloseable {
    static final int QUEUE = 10_000;
    private static final int BATCH = 500;
    private static final long POLL_MILLIS = 250;

    /** One stored event and its place in the trail. */
    private record Stored(long id, Map<String, Object> event) {
    }

    private final PostgresMembers.Opener store;
    private final Map<String, Object> origin;
    private final BlockingQueue<Map<String, Object>> queue = new ArrayBlockingQueue<>(QUEUE);
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;
    private volatile boolean closed;

    /**
     * @param store   the store, opened by the writer when it first has events
     * @param runtime {@code daemon} or {@code command}, with the pid
     */
    TeamAudit(PostgresMembers.Opener store, String host, String runtime, String member) {
        this.store = store;
        origin = new LinkedHashMap<>();
        origin.put("host", host);
        origin.put("runtime", runtime);
        origin.put("member", member);
        writer = new Thread(this::writeQueued, "authsome-team-audit");
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public void record(Map<String, Object> line) {
        Map<String, Object> event = new LinkedHashMap<>(line);
        event.putAll(origin);
        if (closed || !queue.offer(event)) {
            dropped.incrementAndGet();
        }
    }

    /** Events that could not be queued. */
    long dropped() {
        return dropped.get();
    }

    @Override
    public List<Map<String, Object>> tail(int count) throws AuthsomeException {
        List<Stored> stored = store.team().read(db -> select(db, "select id, line from audit_events"
                + " order by at desc, id desc limit ?", count));
        Collections.reverse(stored);
        return stored.stream().map(Stored::event).toList();
    }

    @Override
    public void follow(int count, Consumer<Map<String, Object>> sink) throws AuthsomeException, InterruptedException {
        List<Stored> recent = store.team().read(db -> select(db, "select id, line from audit_events"
                + " order by at desc, id desc limit ?", count));
        Collections.reverse(recent);
        long last = recent.stream().mapToLong(Stored::id).max().orElse(0);
        recent.forEach(stored -> sink.accept(stored.event()));
        while (!Thread.currentThread().isInterrupted()) {
            long after = last;
            List<Stored> events = store.team().read(db -> select(db, "select id, line from audit_events where id > ?"
                    + " order by id limit " + BATCH, after));
            for (Stored stored : events) {
                last = stored.id();
                sink.accept(stored.event());
            }
            if (events.isEmpty()) {
                Thread.sleep(POLL_MILLIS);
            }
        }
        throw new InterruptedException();
    }

    @Override
    public void close() {
        closed = true;
        try {
            writer.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void writeQueued() {
        List<Map<String, Object>> batch = new ArrayList<>();
        while (!(closed && queue.isEmpty() && batch.isEmpty())) {
            try {
                if (batch.isEmpty()) {
                    Map<String, Object> first = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                }
                queue.drainTo(batch, BATCH - batch.size());
                insert(batch);
                batch.clear();
            } catch (AuthsomeException unreachable) {
                if (closed) {
                    return; // what is left stays in each home's audit.log
                }
                sleep();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void insert(List<Map<String, Object>> batch) throws AuthsomeException {
        store.team().database().transaction(db -> {
            try (PreparedStatement insert = db.prepareStatement("insert into audit_events (at, host, runtime, member,"
                    + " event, line) values (?, ?, ?, ?, ?, ?::jsonb)")) {
                for (Map<String, Object> event : batch) {
                    insert.setTimestamp(1, Timestamp.from(time(event)));
                    insert.setString(2, String.valueOf(event.get("host")));
                    insert.setString(3, String.valueOf(event.get("runtime")));
                    insert.setString(4, String.valueOf(event.get("member")));
                    insert.setString(5, String.valueOf(event.get("event")));
                    insert.setString(6, Json.writeLine(event));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    private static Instant time(Map<String, Object> event) {
        try {
            return Instant.parse(String.valueOf(event.get("time")));
        } catch (RuntimeException e) {
            return Instant.now();
        }
    }

    private static List<Stored> select(java.sql.Connection db, String sql, long parameter) throws SQLException {
        List<Stored> events = new ArrayList<>();
        try (PreparedStatement select = db.prepareStatement(sql)) {
            select.setLong(1, parameter);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    events.add(new Stored(rows.getLong(1), parse(rows.getString(2))));
                }
            }
        }
        return events;
    }

    private static Map<String, Object> parse(String json) throws SQLException {
        try {
            return Json.parseObject(json.getBytes(StandardCharsets.UTF_8));
        } catch (MalformedJsonException e) {
            throw new SQLException("an audit event is not JSON: " + e.getMessage(), e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
