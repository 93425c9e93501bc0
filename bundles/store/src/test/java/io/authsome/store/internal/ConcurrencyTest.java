package io.authsome.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.authsome.api.health.Finding;
import io.authsome.api.health.Status;
import io.authsome.api.vault.Connection;
import io.authsome.api.vault.ConnectionInfo;
import io.authsome.api.vault.ProfileStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Processes writing one vault at once lose no update: four child JVMs each write their own
 * connections and increment one shared counter with {@code update()}.
 */
class ConcurrencyTest {
    static final int WORKERS = 4;
    static final int EACH = 100;

    @TempDir
    Path home;

    @Test
    void concurrentProcessesLoseNoWriteAndNoUpdate() throws Exception {
        ProfileStore store = VaultFixture.defaultStore(home);
        store.write(VaultFixture.apiKey(VaultChild.SHARED_PROVIDER, VaultChild.SHARED_NAME, "sk-shared",
                Map.of(VaultChild.COUNTER, "0")), false);
        List<ChildJvm> children = new ArrayList<>();
        long started;
        try {
            for (int i = 0; i < WORKERS; i++) {
                children.add(ChildJvm.start(Map.of(), "concurrent", home.toString(), "w" + i, Integer.toString(EACH)));
            }
            for (ChildJvm child : children) {
                child.awaitLine("ready", Duration.ofSeconds(30));
            }
            started = System.nanoTime();
            for (ChildJvm child : children) {
                child.println("go");
            }
            for (ChildJvm child : children) {
                child.awaitSuccess(Duration.ofSeconds(90));
            }
        } finally {
            for (ChildJvm child : children) {
                child.close();
            }
        }
        System.out.printf("concurrency: %d processes x %d writes + %d updates in %d ms%n", WORKERS, EACH, EACH,
                (System.nanoTime() - started) / 1_000_000);

        ProfileStore fresh = VaultFixture.defaultStore(home);
        Connection shared = fresh.read(VaultChild.SHARED_PROVIDER, VaultChild.SHARED_NAME);
        assertEquals(Integer.toString(WORKERS * EACH), shared.attributes().get(VaultChild.COUNTER), "lost updates");
        assertEquals("sk-shared", shared.secrets().get(Connection.API_KEY).reveal());

        Set<String> expected = new TreeSet<>();
        for (int w = 0; w < WORKERS; w++) {
            for (int i = 0; i < EACH; i++) {
                expected.add("w" + w + "/c" + i);
            }
        }
        List<ConnectionInfo> listed = fresh.connections();
        Set<String> own = listed.stream().map(i -> i.provider() + "/" + i.name())
                .filter(id -> !id.startsWith(VaultChild.SHARED_PROVIDER + "/"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expected, own, "the index lists every connection");
        assertEquals(WORKERS * EACH + 1, listed.size());
        for (String id : expected) {
            String[] parts = id.split("/");
            assertEquals(VaultFixture.keyOf(parts[0], parts[1]),
                    fresh.read(parts[0], parts[1]).secrets().get(Connection.API_KEY).reveal());
        }
        for (ConnectionInfo info : listed) {
            assertTrue(info.isDefault() == info.name().equals(info.provider().equals(VaultChild.SHARED_PROVIDER)
                    ? VaultChild.SHARED_NAME : "c0"), () -> "default of " + info.provider());
        }

        // Every file parses and decrypts: one index and 401 records, nothing else sealed.
        assertEquals(WORKERS * EACH + 2, VaultFixture.sealedFiles(home).size());
        for (Path file : VaultFixture.sealedFiles(home)) {
            VaultFixture.envelope(file);
        }
        List<Finding> findings = VaultFixture.vault(home).check();
        assertTrue(findings.stream().allMatch(f -> f.status() == Status.OK), findings::toString);
        assertTrue(findings.stream().anyMatch(f -> f.message().equals((WORKERS * EACH + 2)
                + " encrypted files, all decrypt")), findings::toString);
    }
}
