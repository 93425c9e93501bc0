package io.authsome.store.internal;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.health.Finding;
import io.authsome.api.health.Status;
import io.authsome.api.vault.ProfileStore;
import io.authsome.api.vault.Secret;
import io.authsome.common.seal.Keyring;
import io.authsome.common.seal.RecordCipher;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static io.authsome.store.internal.VaultFixture.DEFAULT;
import static io.authsome.store.internal.VaultFixture.assertFails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RekeyTest {
    static final Secret OLD = Secret.of("old passphrase");
    static final Secret NEW = Secret.of("new passphrase");
    static final Duration CHILD_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path home;

    @Test
    void aKeyFileRekeyReencryptsEveryRecordUnderTheNewKeyAndDropsTheOld() throws Exception {
        VaultComponent vault = VaultFixture.vault(home);
        Map<String, String> main = write(vault.profile(DEFAULT), "a", "b", "c", "d");
        vault.createProfile("work");
        Map<String, String> work = write(vault.profile("work"), "e", "f");
        String oldKid = VaultFixture.keyring(home, null).current();
        assertEquals(Set.of(oldKid), Set.copyOf(VaultFixture.kids(home)));

        int count = vault.rekey(KeyringFile.KEY_FILE, null);

        assertEquals(8, count, "six records and two indexes");
        Keyring now = VaultFixture.keyring(home, null);
        assertNotEquals(oldKid, now.current());
        assertEquals(Set.of(now.current()), now.keys().keySet(), "only the new key is left");
        assertEquals(Set.of(now.current()), Set.copyOf(VaultFixture.kids(home)));
        assertFalse(Files.readString(home.resolve("master.key")).contains(oldKid));
        assertEquals(KeyringFile.KEY_FILE, VaultFixture.vault(home).encryptionMode());

        VaultComponent fresh = VaultFixture.vault(home);
        VaultFixture.assertAllRead(fresh.profile(DEFAULT), main);
        VaultFixture.assertAllRead(fresh.profile("work"), work);
        assertNoFailureOrWarning(fresh.check());

        vault.profile(DEFAULT).write(VaultFixture.apiKey("z", "after", "sk-after"), false);
        assertEquals(now.current(), VaultFixture.kid(VaultFixture.record(home, "z", "after")),
                "the process that rekeyed writes with the new key");
    }

    @Test
    void aLongLivedVaultWritesWithTheNewKeyAfterAnotherVaultRekeyed() throws Exception {
        VaultComponent longLived = VaultFixture.vault(home);
        Map<String, String> keys = write(longLived.profile(DEFAULT), "a", "b");

        VaultFixture.vault(home).rekey(KeyringFile.KEY_FILE, null);
        longLived.profile(DEFAULT).write(VaultFixture.apiKey("prov", "c", VaultFixture.keyOf("prov", "c")), false);
        keys.put("prov/c", VaultFixture.keyOf("prov", "c"));

        Keyring now = VaultFixture.keyring(home, null);
        assertEquals(1, now.keys().size());
        assertEquals(Set.of(now.current()), Set.copyOf(VaultFixture.kids(home)), "written with a retired key");
        VaultFixture.assertAllRead(longLived.profile(DEFAULT), keys);
        VaultFixture.assertAllRead(VaultFixture.defaultStore(home), keys);
    }

    @Test
    void aVaultGoesToAPassphraseToAnotherAndBackToAKeyFile() throws Exception {
        VaultComponent vault = VaultFixture.vault(home);
        Map<String, String> keys = write(vault.profile(DEFAULT), "a", "b", "c");
        Secret third = Secret.of("third passphrase");

        assertEquals(4, vault.rekey(KeyringFile.PASSPHRASE, OLD));
        assertOnlyOpensWith(OLD, keys, NEW, null);

        rekeyInChild(OLD, KeyringFile.PASSPHRASE, third);
        assertOnlyOpensWith(third, keys, OLD, null);

        rekeyInChild(third, KeyringFile.KEY_FILE, null);
        assertEquals(KeyringFile.KEY_FILE, VaultFixture.vault(home).encryptionMode());
        assertNull(VaultFixture.masterKey(home).get("wraps"));
        Keyring keyring = VaultFixture.keyring(home, null);
        assertEquals(Set.of(keyring.current()), Set.copyOf(VaultFixture.kids(home)));
        assertEquals(1, keyring.keys().size());
        VaultComponent fresh = VaultFixture.vault(home);
        VaultFixture.assertAllRead(fresh.profile(DEFAULT), keys);
        assertNoFailureOrWarning(fresh.check());
    }

    @Test
    void aRekeyToAnUnknownModeOrWithoutPassphraseChangesNothing() throws Exception {
        VaultComponent vault = VaultFixture.vault(home);
        write(vault.profile(DEFAULT), "a");
        byte[] before = Files.readAllBytes(home.resolve("master.key"));

        assertFails(ErrorCode.USAGE, () -> vault.rekey("rot13", null));
        assertFails(ErrorCode.USAGE, () -> vault.rekey(KeyringFile.PASSPHRASE, null));

        assertEquals(new String(before, StandardCharsets.UTF_8), Files.readString(home.resolve("master.key")));
    }

    /** The four ways a rekey goes, and what Rekey writes to master.key in its first step for each. */
    enum Transition {
        KEY_FILE_TO_KEY_FILE(false, false),
        KEY_FILE_TO_PASSPHRASE(false, true),
        PASSPHRASE_TO_PASSPHRASE(true, true),
        PASSPHRASE_TO_KEY_FILE(true, false);

        final boolean from;
        final boolean to;

        Transition(boolean fromPassphrase, boolean toPassphrase) {
            this.from = fromPassphrase;
            this.to = toPassphrase;
        }

        Secret oldSecret() {
            return from ? OLD : null;
        }

        Secret newSecret() {
            return to ? NEW : null;
        }

        /** The vault as it was before the rekey. */
        void writeBefore(KeyringFile file, Keyring old) throws AuthsomeException {
            if (from) {
                file.writeWrapped(old, List.of(OLD), false);
            } else {
                file.writeClear(old);
            }
        }

        /** Step 1: both keys, reachable with the old and with the new secret. */
        void writeBoth(KeyringFile file, Keyring both) throws AuthsomeException {
            if (!from && !to) {
                file.writeClear(both);
                return;
            }
            List<Secret> wraps = new ArrayList<>();
            if (from) {
                wraps.add(OLD);
            }
            if (to) {
                wraps.add(NEW);
            }
            file.writeWrapped(both, wraps, !from || !to);
        }
    }

    @ParameterizedTest
    @EnumSource(Transition.class)
    void aRekeyInterruptedAfterAnyRecordOpensWithTheOldAndTheNewSecret(Transition transition) throws Exception {
        KeyringFile file = VaultFixture.keyringFile(home);
        Keyring old = Keyring.generate();
        transition.writeBefore(file, old);
        Map<String, String> keys = VaultFixture.populate(home, DEFAULT, transition.oldSecret(), 12, 3);
        Keyring both = old.withNewCurrentKey(false);
        transition.writeBoth(file, both);

        Keyring withOld = VaultFixture.keyring(home, transition.oldSecret());
        Keyring withNew = VaultFixture.keyring(home, transition.newSecret());
        assertEquals(both.keys().keySet(), withOld.keys().keySet());
        assertEquals(both.keys().keySet(), withNew.keys().keySet());
        assertEquals(both.current(), withNew.current());
        if (transition.from && transition.to) {
            assertFalse(VaultFixture.opensWith(home, Secret.of("neither")));
        }

        RecordCipher cipher = new RecordCipher(both);
        List<SealedFile> sealed = SealedFile.all(home.resolve("profiles"));
        assertEquals(13, sealed.size());
        int done = 0;
        for (int target : List.of(0, 1, 7, sealed.size())) {
            for (; done < target; done++) {
                SealedFile record = sealed.get(done);
                record.seal(cipher, record.open(cipher));
            }
            long current = VaultFixture.kids(home).stream().filter(both.current()::equals).count();
            assertEquals(target, current, "records under the new key");
            VaultFixture.assertAllRead(VaultFixture.storeWith(home, DEFAULT, withOld), keys);
            VaultFixture.assertAllRead(VaultFixture.storeWith(home, DEFAULT, withNew), keys);
            if (!transition.from || !transition.to) {
                // A clear keyring is in the file: the vault itself opens without a passphrase.
                VaultFixture.assertAllRead(VaultFixture.defaultStore(home), keys);
            }
        }
        if (transition == Transition.KEY_FILE_TO_KEY_FILE) {
            VaultComponent vault = VaultFixture.vault(home);
            List<Finding> findings = vault.check();
            assertTrue(findings.stream().anyMatch(f -> f.status() == Status.WARN && f.message().contains("interrupted")),
                    findings::toString);
            vault.rekey(KeyringFile.KEY_FILE, null);
            Keyring finished = VaultFixture.keyring(home, null);
            assertEquals(1, finished.keys().size());
            assertEquals(Set.of(finished.current()), Set.copyOf(VaultFixture.kids(home)));
            VaultFixture.assertAllRead(VaultFixture.defaultStore(home), keys);
        }
    }

    /**
     * A child JVM rekeys a vault of 300 records and is killed with SIGKILL at random moments spread
     * over the rekey's duration; after each kill the vault opens with the old or the new secret
     * (both are tried) and every record reads. The vault goes on from whatever state each kill
     * left, through key-file and passphrase modes.
     */
    @Test
    void aRekeyKilledAtRandomMomentsLeavesAVaultThatOpensWithTheOldOrTheNewSecret() throws Exception {
        Map<String, String> keys = VaultFixture.keyFileVault(home, 300);
        Random random = new Random();
        // Calibration: one rekey to a passphrase that is not interrupted.
        long started = System.nanoTime();
        Secret current = Secret.of("passphrase-0");
        long rekeyNanos = rekeyInChild(null, KeyringFile.PASSPHRASE, current);
        System.out.printf("rekey of %d files took %d ms in a child JVM (%d ms with its start)%n", keys.size() + 1,
                rekeyNanos / 1_000_000, (System.nanoTime() - started) / 1_000_000);

        String[] modes = {KeyringFile.PASSPHRASE, KeyringFile.KEY_FILE, KeyringFile.KEY_FILE,
                KeyringFile.PASSPHRASE, KeyringFile.PASSPHRASE, KeyringFile.KEY_FILE, KeyringFile.PASSPHRASE};
        List<Integer> strata = new ArrayList<>();
        for (int i = 0; i < modes.length; i++) {
            strata.add(i);
        }
        Collections.shuffle(strata, random);
        Map<String, Integer> outcomes = new TreeMap<>();
        for (int i = 0; i < modes.length; i++) {
            boolean toPassphrase = modes[i].equals(KeyringFile.PASSPHRASE);
            Secret next = toPassphrase ? Secret.of("passphrase-" + (i + 1)) : null;
            // Stratified: each kill in its own slice of [0, 1.15 x the calibrated duration].
            long delayMillis = (long) ((strata.get(i) + random.nextDouble()) / modes.length * 1.15
                    * rekeyNanos / 1_000_000);
            Keyring before = VaultFixture.keyring(home, current);
            Map<String, String> env = new HashMap<>();
            if (current != null) {
                env.put(ChildJvm.PASSPHRASE, current.reveal());
            }
            if (next != null) {
                env.put(VaultChild.NEW_PASSPHRASE, next.reveal());
            }
            boolean finished;
            try (ChildJvm child = ChildJvm.start(env, "rekey", home.toString(), modes[i])) {
                child.awaitLine("start", CHILD_TIMEOUT);
                Thread.sleep(delayMillis);
                child.kill();
                finished = child.lines().stream().anyMatch(line -> line.startsWith("rekeyed"));
                assertTrue(child.lines().stream().noneMatch(line -> line.startsWith("error")), child.lines()::toString);
            }

            boolean oldOpens = VaultFixture.opensWith(home, current);
            boolean newOpens = VaultFixture.opensWith(home, next);
            assertTrue(oldOpens || newOpens, "after kill " + i + " at " + delayMillis + " ms the vault opens with"
                    + " neither secret");
            String outcome = null;
            for (Secret secret : oldOpens && newOpens ? Arrays.asList(current, next)
                    : Arrays.asList(oldOpens ? current : next)) {
                Keyring keyring = VaultFixture.keyring(home, secret);
                VaultFixture.assertAllRead(VaultFixture.storeWith(home, DEFAULT, keyring), keys);
                outcome = keyring.keys().size() > 1 ? "mid-rekey"
                        : keyring.current().equals(before.current()) ? "not started" : "finished";
            }
            if (finished) {
                assertEquals("finished", outcome, "the child had printed that it finished");
            }
            System.out.printf("kill %d: %s -> %s after %d ms: %s (old secret opens: %s, new: %s)%n", i,
                    current == null ? KeyringFile.KEY_FILE : KeyringFile.PASSPHRASE, modes[i], delayMillis, outcome,
                    oldOpens, newOpens);
            outcomes.merge(outcome, 1, Integer::sum);
            // The secret the next rekey unlocks with: in passphrase mode (also mid-way, when a clear
            // keyring may be there too) a passphrase that one of the wraps opens, else none.
            if (KeyringFile.PASSPHRASE.equals(VaultFixture.masterKey(home).get("mode"))) {
                current = next != null && VaultFixture.unwraps(home, next) ? next : current;
                assertTrue(current != null && VaultFixture.unwraps(home, current), "no passphrase opens a wrap");
            } else {
                current = null;
            }
        }
        System.out.println("kill outcomes: " + outcomes);

        // A rekey that is not interrupted finishes whatever state the last kill left.
        rekeyInChild(current, KeyringFile.KEY_FILE, null);
        Keyring finished = VaultFixture.keyring(home, null);
        assertEquals(1, finished.keys().size());
        assertEquals(Set.of(finished.current()), Set.copyOf(VaultFixture.kids(home)));
        VaultFixture.assertAllRead(VaultFixture.defaultStore(home), keys);
    }

    @Test
    void aSecondRekeyInOneProcessIsReachableWithTheCurrentPassphraseMidWay() throws Exception {
        Secret first = Secret.of("first passphrase");
        Secret second = Secret.of("second passphrase");
        Secret third = Secret.of("second passphrase-2");
        Keyring old = Keyring.generate();
        VaultFixture.keyringFile(home).writeWrapped(old, List.of(first), false);
        Map<String, String> keys = VaultFixture.populate(home, DEFAULT, first, 300, 3);

        boolean caught = false;
        try (ChildJvm child = ChildJvm.start(Map.of(ChildJvm.PASSPHRASE, first.reveal(), VaultChild.NEW_PASSPHRASE,
                second.reveal()), "rekey-twice", home.toString())) {
            child.awaitLine("first-rekey-done", CHILD_TIMEOUT);
            long deadline = System.nanoTime() + CHILD_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline && child.lines().stream().noneMatch(l -> l.startsWith("second"))) {
                if (VaultFixture.wrapCount(VaultFixture.masterKey(home)) == 2) {
                    child.kill();
                    caught = true;
                    break;
                }
                Thread.sleep(2);
            }
        }
        assertTrue(caught, "the second rekey was not seen mid-way");

        assertTrue(VaultFixture.opensWith(home, second), "mid-way, the vault must open with the current passphrase");
        assertTrue(VaultFixture.opensWith(home, third), "and with the new one");
        assertFalse(VaultFixture.opensWith(home, first), "but not with the passphrase retired by the first rekey");
        VaultFixture.assertAllRead(VaultFixture.storeWith(home, DEFAULT, second), keys);
    }

    /** Rekeys in a child JVM unlocked with {@code current}; returns how long the rekey itself took. */
    private long rekeyInChild(Secret current, String mode, Secret next) throws Exception {
        Map<String, String> env = new LinkedHashMap<>();
        if (current != null) {
            env.put(ChildJvm.PASSPHRASE, current.reveal());
        }
        if (next != null) {
            env.put(VaultChild.NEW_PASSPHRASE, next.reveal());
        }
        try (ChildJvm child = ChildJvm.start(env, "rekey", home.toString(), mode)) {
            child.awaitLine("start", CHILD_TIMEOUT);
            long start = System.nanoTime();
            child.awaitLine("rekeyed", CHILD_TIMEOUT);
            long took = System.nanoTime() - start;
            child.awaitSuccess(CHILD_TIMEOUT);
            return took;
        }
    }

    private void assertOnlyOpensWith(Secret passphrase, Map<String, String> keys, Secret... others) throws Exception {
        assertEquals(KeyringFile.PASSPHRASE, VaultFixture.keyringFile(home).mode());
        assertNull(VaultFixture.masterKey(home).get("keyring"), "no clear keyring left");
        assertEquals(1, VaultFixture.wrapCount(VaultFixture.masterKey(home)));
        Keyring keyring = VaultFixture.keyring(home, passphrase);
        assertEquals(1, keyring.keys().size());
        assertEquals(Set.of(keyring.current()), Set.copyOf(VaultFixture.kids(home)));
        VaultFixture.assertAllRead(VaultFixture.storeWith(home, DEFAULT, keyring), keys);
        for (Secret other : others) {
            assertFalse(VaultFixture.opensWith(home, other), "opens with a secret it should not");
        }
    }

    private static Map<String, String> write(ProfileStore store, String... names) throws AuthsomeException {
        Map<String, String> keys = new LinkedHashMap<>();
        for (String name : names) {
            store.write(VaultFixture.apiKey("prov", name, VaultFixture.keyOf("prov", name)), false);
            keys.put("prov/" + name, VaultFixture.keyOf("prov", name));
        }
        return keys;
    }

    private static void assertNoFailureOrWarning(List<Finding> findings) {
        assertTrue(findings.stream().allMatch(f -> f.status() == Status.OK), findings::toString);
    }
}
