package io.authsome.store.internal.audit;

import io.authsome.api.audit.AuditEvent;
import io.authsome.common.json.Json;
import io.authsome.common.json.MalformedJsonException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Test helpers: numbered events, and every line of a log and its rotated files. */
final class Events {
    private Events() {
    }

    /** An event numbered {@code seq} from writer {@code writer}. */
    static AuditEvent numbered(String writer, int seq) {
        return AuditEvent.of("export", "default", "github", "default", AuditEvent.SUCCESS)
                .with("writer", writer).with("seq", seq);
    }

    static void append(AuditFile file, AuditEvent event) throws IOException {
        file.append(AuditLines.format(event, Instant.now()));
    }

    /** The files of a log, oldest first: {@code audit.log.N} ... {@code audit.log.1}, {@code audit.log}. */
    static List<Path> files(Path log) {
        List<Path> files = new ArrayList<>();
        for (int n = 1; Files.exists(AuditFile.rotated(log, n)); n++) {
            files.add(0, AuditFile.rotated(log, n));
        }
        if (Files.exists(log)) {
            files.add(log);
        }
        return files;
    }

    /** Every line of every file, oldest first, each parsed; fails on a line that is not a JSON object. */
    static List<Map<String, Object>> allEvents(Path log) throws IOException, MalformedJsonException {
        List<Map<String, Object>> events = new ArrayList<>();
        for (Path file : files(log)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                try {
                    events.add(Json.parseObject(line.getBytes(StandardCharsets.UTF_8)));
                } catch (MalformedJsonException e) {
                    throw new MalformedJsonException(file.getFileName() + ": " + e.getMessage() + " in: " + line);
                }
            }
        }
        return events;
    }

    static long seq(Map<String, Object> event) {
        return (Long) event.get("seq");
    }
}
