package io.authsome.store.internal;

import io.authsome.api.vault.ProfileStore;
import io.authsome.common.json.Json;
import io.authsome.common.seal.Keyring;
import io.authsome.common.seal.RecordCipher;
import io.authsome.common.seal.RecordCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.authsome.store.internal.VaultFixture.DEFAULT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Figures, not checks: prints a table prefixed {@code PERF} and asserts nothing about time (only
 * that what it timed worked). The profiles hold the connection that is read plus 0 or 1,000 others.
 */
@Tag("perf")
class VaultPerformanceTest {
    static final int RECORDS = 10_000;
    static final int[] OTHERS = {0, 1_000};
    static final int FRESH_RUNS = 20;
    static final int WARM_RUNS = 200;
    static final int WRITES = 10;

    @TempDir
    Path root;

    @Test
    void printsSealOpenAndStoreTimings() throws Exception {
        List<String> table = new ArrayList<>();
        table.add(String.format("%-46s | %14s | %14s", "operation", "0 others", "1,000 others"));

        RecordCipher cipher = new RecordCipher(Keyring.generate());
        byte[] record = Json.write(RecordCodec.toJson(VaultFixture.apiKey("openai", "default",
                "sk-proj-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJ", Map.of("account", "me@example.com",
                        "base_url", "https://api.openai.com/v1"))))
                .getBytes(StandardCharsets.UTF_8);
        String identity = "authsome/connection/default/openai/default";
        List<Map<String, Object>> sealed = new ArrayList<>(RECORDS);
        for (int i = 0; i < 5_000; i++) {
            cipher.open(cipher.seal(record, identity), identity);
        }
        long start = System.nanoTime();
        for (int i = 0; i < RECORDS; i++) {
            sealed.add(cipher.seal(record, identity));
        }
        double sealMicros = (System.nanoTime() - start) / 1_000.0 / RECORDS;
        start = System.nanoTime();
        byte[] last = null;
        for (Map<String, Object> envelope : sealed) {
            last = cipher.open(envelope, identity);
        }
        double openMicros = (System.nanoTime() - start) / 1_000.0 / RECORDS;
        assertArrayEquals(record, last);
        table.add(String.format("%-46s | %14s | %14s", "RecordCipher.seal, " + record.length + "-byte record (avg)",
                String.format("%.1f us", sealMicros), "-"));
        table.add(String.format("%-46s | %14s | %14s", "RecordCipher.open, " + record.length + "-byte record (avg)",
                String.format("%.1f us", openMicros), "-"));

        List<String[]> rows = new ArrayList<>();
        for (String label : List.of("connections(), fresh vault incl. unlock", "connections(), warm",
                "read() one, fresh vault incl. unlock", "read() one, warm", "write() one, replace (2 fsyncs)")) {
            rows.add(new String[] {label, "", ""});
        }
        for (int column = 0; column < OTHERS.length; column++) {
            Path home = Files.createDirectory(root.resolve("others-" + OTHERS[column]));
            VaultFixture.keyringFile(home).writeClear(Keyring.generate());
            VaultFixture.populate(home, DEFAULT, null, OTHERS[column] + 1, 7);
            int expected = OTHERS[column] + 1;
            String provider = "p0";
            String name = "c0";

            double[] figures = new double[5];
            for (int pass = 0; pass < 2; pass++) { // pass 0 warms the JIT up
                long t = System.nanoTime();
                for (int i = 0; i < FRESH_RUNS; i++) {
                    assertEquals(expected, VaultFixture.defaultStore(home).connections().size());
                }
                figures[0] = (System.nanoTime() - t) / 1_000.0 / FRESH_RUNS;
                ProfileStore warm = VaultFixture.defaultStore(home);
                warm.connections();
                t = System.nanoTime();
                for (int i = 0; i < WARM_RUNS; i++) {
                    warm.connections();
                }
                figures[1] = (System.nanoTime() - t) / 1_000.0 / WARM_RUNS;
                t = System.nanoTime();
                for (int i = 0; i < FRESH_RUNS; i++) {
                    VaultFixture.defaultStore(home).read(provider, name);
                }
                figures[2] = (System.nanoTime() - t) / 1_000.0 / FRESH_RUNS;
                t = System.nanoTime();
                for (int i = 0; i < WARM_RUNS; i++) {
                    warm.read(provider, name);
                }
                figures[3] = (System.nanoTime() - t) / 1_000.0 / WARM_RUNS;
            }
            ProfileStore writer = VaultFixture.defaultStore(home);
            long t = System.nanoTime();
            for (int i = 0; i < WRITES; i++) {
                writer.write(VaultFixture.apiKey(provider, name, "sk-" + i), true);
            }
            figures[4] = (System.nanoTime() - t) / 1_000.0 / WRITES;
            assertEquals(expected, writer.connections().size());
            for (int row = 0; row < rows.size(); row++) {
                rows.get(row)[column + 1] = micros(figures[row]);
            }
        }
        for (String[] row : rows) {
            table.add(String.format("%-46s | %14s | %14s", (Object[]) row));
        }
        table.add(String.format("(fresh: avg of %d new VaultComponents; warm: avg of %d calls; write: avg of %d)",
                FRESH_RUNS, WARM_RUNS, WRITES));
        StringBuilder out = new StringBuilder();
        for (String line : table) {
            out.append("PERF | ").append(line).append('\n');
        }
        System.out.print(out);
    }

    private static String micros(double micros) {
        return micros >= 10_000 ? String.format("%.1f ms", micros / 1_000) : String.format("%.0f us", micros);
    }
}
