package io.authsome.store.internal;

import static io.authsome.store.internal.VaultFixture.DEFAULT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.authsome.api.health.Finding;
import io.authsome.api.health.Status;
import io.authsome.api.vault.Connection;
import io.authsome.api.vault.ConnectionInfo;
import io.authsome.api.vault.ProfileStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer process killed with SIGKILL at random moments loses no write that returned: each
 * {@code committed} line the child printed after {@code write()} returned is read back afterwards
 * (that value or a newer one), and leftover temporary files are never taken for records.
 */
class CrashSafetyTest {
    static final int KILLS = 50;

    @TempDir
    Path home;

    @Test
    void everyCommittedWriteSurvivesAKillAtARandomMoment() throws Exception {
        VaultFixture.vault(home).profile(DEFAULT).write(VaultFixture.apiKey("seed", "default", "sk-seed"), false);
        Random random = new Random();
        Map<String, Long> committed = new HashMap<>();
        int commits = 0;
        long started = System.nanoTime();
        for (int run = 1; run <= KILLS; run++) {
            try (ChildJvm child = ChildJvm.start(Map.of(), "write-loop", home.toString(), Integer.toString(run),
                    Long.toString(random.nextLong()))) {
                child.awaitLine("ready", Duration.ofSeconds(30));
                Thread.sleep(50 + random.nextInt(351));
                child.kill();
                for (String line : child.lines()) {
                    String[] parts = line.split(" ");
                    if (parts[0].equals("committed")) {
                        committed.put(parts[1] + "/" + parts[2], Long.parseLong(parts[3]));
                        commits++;
                    } else {
                        assertEquals("ready", line, () -> "unexpected child output; stderr:\n" + child.stderr());
                    }
                }
            }
            assertEveryCommitReadsBack(committed, run);
        }
        long tempFiles = VaultFixture.files(home).stream().filter(p -> p.getFileName().toString().endsWith(".tmp"))
                .count();
        System.out.printf("crash safety: %d kills, %d committed writes over %d connections, %d temporary files left,"
                + " %d s%n", KILLS, commits, committed.size(), tempFiles, (System.nanoTime() - started) / 1_000_000_000);
        assertTrue(commits > KILLS, "the children committed too few writes to test anything: " + commits);

        // Temporary files next to the records are not taken for records when the index is rebuilt.
        VaultFixture.flipCiphertextByte(VaultFixture.index(home, DEFAULT), 0);
        Set<String> rebuilt = VaultFixture.defaultStore(home).connections().stream()
                .map(i -> i.provider() + "/" + i.name()).collect(Collectors.toSet());
        assertTrue(rebuilt.containsAll(committed.keySet()), "a rebuilt index lost committed connections");
        assertTrue(rebuilt.stream().noneMatch(id -> id.contains(".tmp") || id.contains(".rec")), rebuilt::toString);
    }

    private void assertEveryCommitReadsBack(Map<String, Long> committed, int run) throws Exception {
        VaultComponent vault = VaultFixture.vault(home);
        ProfileStore store = vault.profile(DEFAULT);
        for (Map.Entry<String, Long> entry : committed.entrySet()) {
            String[] id = entry.getKey().split("/");
            Connection connection = store.read(id[0], id[1]);
            long vid = Long.parseLong(connection.attributes().get(VaultChild.VID));
            assertTrue(vid >= entry.getValue(), () -> "after kill " + run + ", " + entry.getKey() + " holds value "
                    + vid + ", older than the committed " + entry.getValue());
            assertTrue(vid <= (long) run * 1_000_000 + 999_999, "a value from the future");
            assertEquals(VaultChild.VALUE_PREFIX + vid, connection.secrets().get(Connection.API_KEY).reveal(),
                    "the record is one write, not a mix of two");
        }
        // Every connection the index lists has its record; every record file is a listed
        // connection or, at worst, one whose index update the kill prevented.
        List<ConnectionInfo> listed = store.connections();
        Set<String> indexed = listed.stream().map(i -> i.provider() + "/" + i.name())
                .collect(Collectors.toCollection(TreeSet::new));
        assertTrue(indexed.containsAll(committed.keySet()), "index lost a committed connection");
        for (ConnectionInfo info : listed) {
            store.read(info.provider(), info.name());
        }
        Set<String> records = new TreeSet<>();
        for (SealedFile file : SealedFile.all(home.resolve("profiles"))) {
            assertTrue(file.path().getFileName().toString().endsWith(SealedFile.SUFFIX), file.path()::toString);
            if (file.identity().startsWith("authsome/connection/")) {
                records.add(file.identity().substring(file.identity().indexOf('/', "authsome/connection/".length())
                        + 1));
            }
        }
        records.removeAll(indexed);
        assertTrue(records.size() <= run, "each kill leaves at most one record the index does not list: " + records);
        // A kill may leave a temporary file behind, which doctor mentions as a warning; nothing may fail.
        List<Finding> failures = vault.check().stream().filter(f -> f.status() == Status.FAIL).toList();
        assertEquals(List.of(), failures, "doctor after kill " + run);
    }
}
