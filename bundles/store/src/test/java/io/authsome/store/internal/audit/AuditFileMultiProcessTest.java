package io.authsome.store.internal.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Three JVMs append to one log at once, with rotations happening under their feet. */
@Timeout(120)
class AuditFileMultiProcessTest {
    private static final int PROCESSES = 3;
    private static final int EACH = 200;
    private static final long MAX_BYTES = 4096;
    private static final int KEEP = 200; // 600 lines of ~200 bytes make ~30 files: nothing is deleted

    @TempDir
    Path home;

    /** The child: {@code <home> <writer> <count> <maxBytes> <keep>}; says "ready", waits for {@code home/go}. */
    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        AuditFile file = new AuditFile(home.resolve("audit.log"),
                new AuditSettings(Long.parseLong(args[3]), Integer.parseInt(args[4])));
        System.out.println("ready");
        System.out.flush();
        while (!Files.exists(home.resolve("go"))) {
            Thread.sleep(1);
        }
        for (int seq = 0; seq < Integer.parseInt(args[2]); seq++) {
            Events.append(file, Events.numbered(args[1], seq));
        }
        file.close();
    }

    @Test
    void threeProcessesAppendAndRotateWithoutLosingOrTearingALine() throws Exception {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<Process> children = new ArrayList<>();
        for (int p = 0; p < PROCESSES; p++) {
            children.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    AuditFileMultiProcessTest.class.getName(), home.toString(), "p" + p, String.valueOf(EACH),
                    String.valueOf(MAX_BYTES), String.valueOf(KEEP))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start());
        }
        for (Process child : children) {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8));
            assertEquals("ready", out.readLine());
        }
        Files.createFile(home.resolve("go"));
        for (Process child : children) {
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "child finished");
            assertEquals(0, child.exitValue());
        }

        Path log = home.resolve("audit.log");
        List<Map<String, Object>> events = Events.allEvents(log); // fails on any torn line
        assertEquals(PROCESSES * EACH, events.size());
        assertTrue(Files.exists(AuditFile.rotated(log, 10)), "rotated many times: " + Events.files(log).size());
        assertTrue(!Files.exists(AuditFile.rotated(log, KEEP)), "nothing deleted");
        for (int p = 0; p < PROCESSES; p++) {
            String writer = "p" + p;
            List<Long> seqs = events.stream().filter(e -> writer.equals(e.get("writer"))).map(Events::seq).toList();
            assertEquals(EACH, seqs.size(), writer);
            for (int seq = 0; seq < EACH; seq++) {
                assertEquals(seq, seqs.get(seq), writer + " in order across files");
            }
        }
        int switches = 0;
        for (int i = 1; i < events.size(); i++) {
            switches += events.get(i).get("pid").equals(events.get(i - 1).get("pid")) ? 0 : 1;
        }
        System.out.printf("audit: %d processes wrote %d lines into %d files; the writer changed %d times%n",
                PROCESSES, events.size(), Events.files(log).size(), switches);
        assertEquals(PROCESSES, events.stream().map(e -> e.get("pid")).distinct().count(), "one pid per process");
    }
}
