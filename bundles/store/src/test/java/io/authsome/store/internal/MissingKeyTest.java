package io.authsome.store.internal;

import static io.authsome.store.internal.VaultFixture.DEFAULT;
import static io.authsome.store.internal.VaultFixture.assertFails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.health.Finding;
import io.authsome.api.health.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A vault whose {@code master.key} is gone, or is not the key of its records (one from before a
 * rekey): every write is refused, nothing is created over the records, and the only advice is to
 * put the right key back.
 */
class MissingKeyTest {
    @TempDir
    Path home;

    @Test
    void withRecordsAndNoKeyEveryWriteIsRefusedAndNoNewKeyIsMade() throws Exception {
        Map<String, String> keys = VaultFixture.keyFileVault(home, 3);
        Path key = home.resolve("master.key");
        byte[] saved = Files.readAllBytes(key);
        Files.delete(key);
        Files.delete(VaultFixture.index(home, DEFAULT)); // the index gone too: nothing lists the records

        var store = VaultFixture.defaultStore(home);
        AuthsomeException write = assertFails(ErrorCode.CREDENTIAL_UNAVAILABLE,
                () -> store.write(VaultFixture.apiKey("b", "new", "sk-new"), false));
        assertNamesTheRestore(write, key);
        assertTrue(write.getMessage().contains("3 encrypted files"), write.getMessage());
        assertFails(ErrorCode.CREDENTIAL_UNAVAILABLE, () -> store.writeClient(
                new io.authsome.api.vault.OAuthClient("b", "id", null, Map.of(), VaultFixture.NOW)));
        assertFails(ErrorCode.CREDENTIAL_UNAVAILABLE, () -> VaultFixture.vault(home).rekey(KeyringFile.KEY_FILE, null));
        assertNamesTheRestore(assertFails(ErrorCode.CREDENTIAL_UNAVAILABLE, store::connections), key);
        assertFalse(Files.exists(key), "no new key was made over the records");

        Files.write(key, saved);
        VaultFixture.assertAllRead(VaultFixture.defaultStore(home), keys);
    }

    @Test
    void doctorFailsNamingTheRestoreWhenRecordsHaveNoKey() throws Exception {
        VaultFixture.keyFileVault(home, 2);
        Files.delete(home.resolve("master.key"));

        List<Finding> findings = VaultFixture.vault(home).check();
        assertTrue(findings.stream().anyMatch(f -> f.status() == Status.FAIL && f.fix().contains("cp BACKUP/master.key")
                && f.message().contains("missing")), findings::toString);
        assertNoAdviceDestroysData(findings);
    }

    @Test
    void doctorOnAFreshHomeStillSaysThereIsNoVaultYet() {
        List<Finding> findings = VaultFixture.vault(home).check();
        assertEquals(List.of(Status.OK), findings.stream().map(Finding::status).toList(), findings::toString);
    }

    @Test
    void aKeyFromBeforeARekeyIsAMismatchNotAnEmptyProfile() throws Exception {
        VaultFixture.keyFileVault(home, 3);
        Path key = home.resolve("master.key");
        byte[] beforeRekey = Files.readAllBytes(key);
        VaultFixture.vault(home).rekey(KeyringFile.KEY_FILE, null);
        Files.write(key, beforeRekey);

        AuthsomeException list = assertFails(ErrorCode.CREDENTIAL_UNAVAILABLE,
                () -> VaultFixture.defaultStore(home).connections());
        assertEquals(5, list.code().exitCode());
        assertTrue(list.getMessage().contains("does not match"), list.getMessage());
        assertNamesTheRestore(list, key);
        assertFails(ErrorCode.CREDENTIAL_UNAVAILABLE, () -> VaultFixture.defaultStore(home)
                .write(VaultFixture.apiKey("b", "new", "sk-new"), false));

        Files.delete(VaultFixture.index(home, DEFAULT));
        AuthsomeException rebuilt = assertFails(ErrorCode.CREDENTIAL_UNAVAILABLE,
                () -> VaultFixture.defaultStore(home).connections());
        assertTrue(rebuilt.getMessage().contains("does not match"), rebuilt.getMessage());

        List<Finding> findings = VaultFixture.vault(home).check();
        assertTrue(findings.stream().anyMatch(f -> f.status() == Status.FAIL && f.message().contains("does not match")),
                findings::toString);
        assertNoAdviceDestroysData(findings);
    }

    private static void assertNamesTheRestore(AuthsomeException e, Path key) {
        assertTrue(e.getMessage().contains(key.toString()), e.getMessage());
        assertTrue(e.nextStep().contains("cp BACKUP/master.key " + key), e.nextStep());
    }

    private static void assertNoAdviceDestroysData(List<Finding> findings) {
        for (Finding finding : findings) {
            String fix = String.valueOf(finding.fix()).toLowerCase();
            assertFalse(fix.contains("delete") || fix.contains("rm ") || fix.contains("log in again"),
                    "advice that destroys records: " + finding);
        }
    }
}
