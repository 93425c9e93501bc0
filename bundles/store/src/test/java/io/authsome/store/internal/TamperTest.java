package io.authsome.store.internal;

import static io.authsome.store.internal.VaultFixture.DEFAULT;
import static io.authsome.store.internal.VaultFixture.apiKey;
import static io.authsome.store.internal.VaultFixture.assertFails;
import static io.authsome.store.internal.VaultFixture.keyOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.health.Finding;
import io.authsome.api.health.Status;
import io.authsome.api.vault.Connection;
import io.authsome.api.vault.ConnectionInfo;
import io.authsome.api.vault.ProfileStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TamperTest {
    @TempDir
    Path home;
    VaultComponent vault;
    ProfileStore store;
    Map<String, String> keys = new LinkedHashMap<>();

    @BeforeEach
    void threeConnections() throws Exception {
        vault = VaultFixture.vault(home);
        store = vault.profile(DEFAULT);
        for (String id : List.of("a/default", "b/default", "a/second")) {
            String[] parts = id.split("/");
            store.write(apiKey(parts[0], parts[1], keyOf(parts[0], parts[1])), false);
            keys.put(id, keyOf(parts[0], parts[1]));
        }
    }

    @ParameterizedTest(name = "ciphertext byte {0}")
    @ValueSource(ints = {0, 17, -1})
    void aFlippedCiphertextByteMakesOnlyThatRecordUnavailable(int index) throws Exception {
        Path damaged = VaultFixture.record(home, "a", "default");
        VaultFixture.flipCiphertextByte(damaged, index);

        assertUnavailableNaming(damaged, () -> VaultFixture.defaultStore(home).read("a", "default"));
        assertOthersReadable("a/default");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"first byte", "kid", "nonce", "middle of ct", "last byte"})
    void aFlippedFileByteMakesOnlyThatRecordUnavailable(String where) throws Exception {
        Path damaged = VaultFixture.record(home, "b", "default");
        String text = Files.readString(damaged, StandardCharsets.UTF_8);
        Map<String, Object> envelope = VaultFixture.envelope(damaged);
        int offset = switch (where) {
            case "first byte" -> 0;
            case "kid" -> text.indexOf((String) envelope.get("kid")) + 3;
            case "nonce" -> text.indexOf((String) envelope.get("nonce")) + 5;
            case "middle of ct" -> text.indexOf((String) envelope.get("ct")) + ((String) envelope.get("ct")).length() / 2;
            default -> text.length() - 1;
        };
        VaultFixture.flipFileByte(damaged, offset);

        assertUnavailableNaming(damaged, () -> store.read("b", "default"));
        assertOthersReadable("b/default");
    }

    @Test
    void swappedRecordsAreBothDetected() throws Exception {
        Path a = VaultFixture.record(home, "a", "default");
        Path b = VaultFixture.record(home, "b", "default");
        VaultFixture.swap(a, b);

        assertUnavailableNaming(a, () -> store.read("a", "default"));
        assertUnavailableNaming(b, () -> store.read("b", "default"));
        assertEquals(keys.get("a/second"), store.read("a", "second").secrets().get(Connection.API_KEY).reveal());
    }

    @Test
    void aRecordMovedToAnotherProfileIsDetected() throws Exception {
        vault.createProfile("work");
        vault.profile("work").write(apiKey("a", "default", "sk-work"), false);
        Files.copy(VaultFixture.record(home, "a", "default"), VaultFixture.record(home, "work", "a", "default"),
                StandardCopyOption.REPLACE_EXISTING);

        assertUnavailableNaming(VaultFixture.record(home, "work", "a", "default"),
                () -> vault.profile("work").read("a", "default"));
    }

    @Test
    void aDamagedIndexIsRebuiltFromTheReadableRecords() throws Exception {
        VaultFixture.flipCiphertextByte(VaultFixture.index(home, DEFAULT), 5);
        VaultFixture.flipCiphertextByte(VaultFixture.record(home, "a", "second"), 5);

        ProfileStore fresh = VaultFixture.defaultStore(home);
        List<ConnectionInfo> listed = fresh.connections();

        assertEquals(Set.of("a/default", "b/default"), ids(listed), "the damaged record is left out");
        assertEquals(keys.get("a/default"), fresh.read("a", "default").secrets().get(Connection.API_KEY).reveal());
        assertEquals(keys.get("b/default"), fresh.read("b", "default").secrets().get(Connection.API_KEY).reveal());
        assertEquals(Optional.of("default"), fresh.defaultConnection("a"));
        assertUnavailableOrMissing(() -> fresh.read("a", "second"));

        // The next write puts a sound index back.
        fresh.write(apiKey("c", "default", keyOf("c", "default")), false);
        assertEquals(Set.of("a/default", "b/default", "c/default"), ids(VaultFixture.defaultStore(home).connections()));
        List<Finding> failures = VaultFixture.vault(home).check().stream().filter(f -> f.status() == Status.FAIL)
                .toList();
        assertEquals(1, failures.size(), failures::toString);
        assertTrue(failures.get(0).message().contains(VaultFixture.record(home, "a", "second").toString()));
    }

    @Test
    void anIndexThatIsNotJsonIsRebuiltToo() throws Exception {
        Files.writeString(VaultFixture.index(home, DEFAULT), "not json at all");
        assertEquals(keys.keySet(), ids(VaultFixture.defaultStore(home).connections()));
    }

    @Test
    void followingDoctorsAdviceForADamagedIndexKeepsEveryConnection() throws Exception {
        Path index = VaultFixture.index(home, DEFAULT);
        VaultFixture.flipCiphertextByte(index, 0);
        Finding failure = VaultFixture.vault(home).check().stream().filter(f -> f.status() == Status.FAIL)
                .findFirst().orElseThrow();
        assertTrue(failure.message().contains(index.toString()) && failure.fix().contains("rebuilt"), failure::toString);

        Files.delete(index);

        ProfileStore fresh = VaultFixture.defaultStore(home);
        assertEquals(keys.keySet(), ids(fresh.connections()));
        assertEquals(keys.get("a/second"), fresh.read("a", "second").secrets().get(Connection.API_KEY).reveal());
        fresh.write(apiKey("c", "default", keyOf("c", "default")), false);
        assertEquals(4, VaultFixture.defaultStore(home).connections().size());
    }

    @Test
    void doctorNamesADamagedRecordAsAFailure() throws Exception {
        assertTrue(vault.check().stream().noneMatch(f -> f.status() == Status.FAIL), () -> vault.check().toString());
        Path damaged = VaultFixture.record(home, "a", "second");
        VaultFixture.flipCiphertextByte(damaged, 2);
        Path damagedIndex = VaultFixture.index(home, DEFAULT);
        VaultFixture.flipFileByte(damagedIndex, 0);

        List<Finding> findings = VaultFixture.vault(home).check();

        List<Finding> failures = findings.stream().filter(f -> f.status() == Status.FAIL).toList();
        assertEquals(2, failures.size(), findings::toString);
        assertTrue(failures.stream().anyMatch(f -> f.message().contains(damaged.toString())), findings::toString);
        assertTrue(failures.stream().anyMatch(f -> f.message().contains(damagedIndex.toString())),
                findings::toString);
        assertTrue(failures.stream().allMatch(f -> f.fix() != null && f.fix().startsWith("delete it")),
                findings::toString);
    }

    private void assertOthersReadable(String except) throws AuthsomeException {
        ProfileStore fresh = VaultFixture.defaultStore(home);
        for (Map.Entry<String, String> entry : keys.entrySet()) {
            if (!entry.getKey().equals(except)) {
                String[] id = entry.getKey().split("/");
                assertEquals(entry.getValue(), fresh.read(id[0], id[1]).secrets().get(Connection.API_KEY).reveal());
            }
        }
        assertEquals(keys.keySet(), ids(fresh.connections()), "the index still lists every connection");
    }

    private static void assertUnavailableNaming(Path record, Executable read) {
        AuthsomeException e = assertFails(ErrorCode.CREDENTIAL_UNAVAILABLE, read);
        assertTrue(e.getMessage().contains(record.toString()), () -> "message does not name " + record + ": "
                + e.getMessage());
    }

    private static void assertUnavailableOrMissing(Executable read) {
        AuthsomeException e = assertThrows(AuthsomeException.class, read);
        assertTrue(Set.of(ErrorCode.CREDENTIAL_UNAVAILABLE, ErrorCode.CONNECTION_NOT_FOUND).contains(e.code()),
                e.code() + ": " + e.getMessage());
    }

    private static Set<String> ids(List<ConnectionInfo> infos) {
        return infos.stream().map(i -> i.provider() + "/" + i.name()).collect(Collectors.toCollection(TreeSet::new));
    }
}
