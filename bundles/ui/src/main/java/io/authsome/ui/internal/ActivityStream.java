package io.authsome.ui.internal;

import io.authsome.common.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One page's live activity as server-sent events: first the events recorded after the page's last
 * one ({@code after}), then each new one as it is recorded, one {@code data:} line of JSON each; a
 * comment every {@value #KEEP_ALIVE_MILLIS} ms finds a page that left; {@code event: dropped}
 * says how many events a slow page lost. Ends when the page goes or the dashboard stops.
 */
final class ActivityStream implements Answer.Streamer {
    static final long KEEP_ALIVE_MILLIS = 15_000;

    private final ActivityFeed.Listener listener;
    private final List<Map<String, Object>> backlog;
    private final Instant after;

    /**
     * @param listener receives the new events from before {@code backlog} was read, so none is missed
     * @param backlog  the last events of the log, oldest first; those after {@code after} are sent first
     * @param after    the time of the page's last event, or {@code null} to send no backlog
     */
    ActivityStream(ActivityFeed.Listener listener, List<Map<String, Object>> backlog, Instant after) {
        this.listener = listener;
        this.backlog = backlog;
        this.after = after;
    }

    @Override
    public void stream(OutputStream out) throws IOException {
        try (listener) {
            write(out, "retry: 3000\n\n");
            Set<String> sent = new HashSet<>();
            if (after != null) {
                for (Map<String, Object> event : backlog) {
                    Instant time = time(event);
                    if (time != null && time.isAfter(after)) {
                        String json = Json.writeLine(event);
                        sent.add(json);
                        write(out, "data: " + json + "\n\n");
                    }
                }
            }
            while (listener.open()) {
                String json = listener.next(KEEP_ALIVE_MILLIS);
                long dropped = listener.takeDropped();
                if (dropped > 0) {
                    write(out, "event: dropped\ndata: " + dropped + "\n\n");
                }
                if (json == null) {
                    write(out, ": keep-alive\n\n");
                } else if (sent.isEmpty() || !sent.remove(json)) {
                    sent.clear(); // past the backlog: every later event is new
                    write(out, "data: " + json + "\n\n");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    static Instant time(Map<String, Object> event) {
        Object time = event.get("time");
        if (time == null) {
            return null;
        }
        try {
            return Instant.parse(time.toString());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
