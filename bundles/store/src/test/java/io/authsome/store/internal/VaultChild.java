package io.authsome.store.internal;

import io.authsome.api.AuthsomeException;
import io.authsome.api.vault.Connection;
import io.authsome.api.vault.ConnectionInfo;
import io.authsome.api.vault.ProfileStore;
import io.authsome.api.vault.Secret;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The main class of the child JVMs that {@link ChildJvm} starts: another process on the same vault.
 * Every line it prints goes out in one write, so a SIGKILL never leaves half a line. An
 * {@link AuthsomeException} ends it with {@code error <CODE> <message>} and exit code 3.
 */
public final class VaultChild {
    /** Environment variable with the new passphrase for {@code rekey} (a secret never goes in argv). */
    static final String NEW_PASSPHRASE = "AUTHSOME_TEST_NEW_PASSPHRASE";
    /** Value of every crash-test connection's API key for value id {@code vid}. */
    static final String VALUE_PREFIX = "sk-crash-";
    static final String VID = "vid";
    static final String COUNTER = "counter";
    static final String SHARED_PROVIDER = "shared";
    static final String SHARED_NAME = "counter";

    private static final FileOutputStream OUT = new FileOutputStream(FileDescriptor.out);

    private VaultChild() {
    }

    public static void main(String[] args) throws Exception {
        try {
            Path home = Path.of(args[1]);
            switch (args[0]) {
                case "write-loop" -> writeLoop(home, Long.parseLong(args[2]), Long.parseLong(args[3]));
                case "concurrent" -> concurrent(home, args[2], Integer.parseInt(args[3]));
                case "read-all" -> readAll(home);
                case "rekey" -> rekey(home, args[2]);
                case "rekey-twice" -> rekeyTwice(home);
                default -> throw new IllegalArgumentException("unknown command " + args[0]);
            }
        } catch (AuthsomeException e) {
            say("error " + e.code() + " " + e.getMessage());
            System.exit(3);
        }
        System.exit(0);
    }

    /**
     * Writes forever: new connections and replacements of existing ones, each with value id
     * {@code run * 1_000_000 + n}; prints {@code committed <provider> <name> <vid>} after each
     * write returned.
     */
    private static void writeLoop(Path home, long run, long seed) throws Exception {
        ProfileStore store = VaultFixture.defaultStore(home);
        Set<String> existing = new HashSet<>();
        for (ConnectionInfo info : store.connections()) {
            existing.add(info.provider() + "/" + info.name());
        }
        Random random = new Random(seed);
        say("ready");
        for (long n = 0; ; n++) {
            String provider = "p" + random.nextInt(3);
            String name = "n" + random.nextInt(30);
            long vid = run * 1_000_000 + n;
            boolean replace = existing.contains(provider + "/" + name);
            store.write(Connection.apiKey(provider, name, Secret.of(VALUE_PREFIX + vid),
                    Map.of(VID, Long.toString(vid)), Instant.now()), replace);
            existing.add(provider + "/" + name);
            say("committed " + provider + " " + name + " " + vid);
        }
    }

    /**
     * Waits for {@code go} on standard input, then makes {@code count} writes of its own
     * connections and {@code count} increments of the shared counter, interleaved.
     */
    private static void concurrent(Path home, String worker, int count) throws Exception {
        ProfileStore store = VaultFixture.defaultStore(home);
        store.connections();
        say("ready");
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        for (int i = 0; i < count; i++) {
            store.write(VaultFixture.apiKey(worker, "c" + i, VaultFixture.keyOf(worker, "c" + i)), false);
            store.update(SHARED_PROVIDER, SHARED_NAME, connection -> {
                Map<String, String> attributes = new LinkedHashMap<>(connection.attributes());
                attributes.merge(COUNTER, "1", (a, b) -> Integer.toString(Integer.parseInt(a) + 1));
                return connection.withAttributes(attributes, Instant.now());
            });
        }
        say("done " + worker);
    }

    /** Reads every connection of the default profile; prints {@code read <count>}. */
    private static void readAll(Path home) throws Exception {
        ProfileStore store = VaultFixture.defaultStore(home);
        int count = 0;
        for (ConnectionInfo info : store.connections()) {
            Connection connection = store.read(info.provider(), info.name());
            if (!connection.secrets().get(Connection.API_KEY).reveal()
                    .equals(VaultFixture.keyOf(info.provider(), info.name()))) {
                throw new IllegalStateException("wrong API key in " + connection.id());
            }
            count++;
        }
        say("read " + count);
    }

    /** Unlocks, prints {@code start}, rekeys to {@code mode}, prints {@code rekeyed <count>}. */
    private static void rekey(Path home, String mode) throws Exception {
        VaultComponent vault = VaultFixture.vault(home);
        vault.files().unlocker().forRead();
        say("start");
        int count = vault.rekey(mode, newPassphrase());
        say("rekeyed " + count);
    }

    /**
     * Two rekeys in one process, as a long-lived console would make them: to the passphrase in
     * {@value #NEW_PASSPHRASE}, then to that passphrase with {@code -2} appended.
     */
    private static void rekeyTwice(Path home) throws Exception {
        VaultComponent vault = VaultFixture.vault(home);
        vault.files().unlocker().forRead();
        Secret second = newPassphrase();
        vault.rekey(KeyringFile.PASSPHRASE, second);
        say("first-rekey-done");
        vault.rekey(KeyringFile.PASSPHRASE, Secret.of(second.reveal() + "-2"));
        say("second-rekey-done");
    }

    private static Secret newPassphrase() {
        String value = System.getenv(NEW_PASSPHRASE);
        return value == null ? null : Secret.of(value);
    }

    private static void say(String line) throws IOException {
        OUT.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        OUT.flush();
    }
}
