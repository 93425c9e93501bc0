package io.authsome.store.internal.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.authsome.api.audit.AuditEvent;
import io.authsome.api.home.HomeLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Events recorded together are written together, each a line of its own, in order. */
class AuditBatchTest {
    @TempDir
    Path home;

    @Test
    void aBatchIsAppendedWholeAfterATornLine() throws Exception {
        AuditLogComponent audit = new AuditLogComponent(new HomeLayout(home), AuditSettings.DEFAULT, System.err);
        audit.record(AuditEvent.of("first", "default", null, null, AuditEvent.SUCCESS));
        Files.writeString(home.resolve("audit.log"), "{\"torn", java.nio.file.StandardOpenOption.APPEND);

        audit.recordAll(IntStream.range(0, 3).mapToObj(i -> AuditEvent.of("batch", "default", null, null,
                AuditEvent.SUCCESS).with("n", i)).toList());

        List<Map<String, Object>> tail = audit.tail(10);
        assertEquals(List.of("first", "batch", "batch", "batch"), tail.stream().map(line -> line.get("event")).toList());
        assertEquals(List.of(0, 1, 2), tail.subList(1, 4).stream().map(line -> ((Number) line.get("n")).intValue())
                .toList());
        assertEquals(5, Files.readAllLines(home.resolve("audit.log")).size(), "the torn line stays alone");
    }
}
