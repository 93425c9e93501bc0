package io.authsome.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The vault key through the real command line: an empty {@code --home}, a missing or stale
 * {@code master.key}, a damaged passphrase wrap, the passphrase kept out of the environment and
 * argv of the running process, and API keys with control characters.
 */
class VaultKeyIT {
    static final String PASSPHRASE = "a long vault passphrase 7f3c";
    static final String NEW_PASSPHRASE = "the next vault passphrase 2b9e";
    static final String CLIENT_SECRET = "client-secret-5d1a8e";

    @TempDir
    Path temp;
    Authsome authsome;

    @BeforeEach
    void newHome() {
        authsome = new Authsome(temp.resolve("home"));
    }

    // ---- --home "" -----------------------------------------------------------------------------

    @Test
    void anEmptyHomeIsRefusedAsAUsageErrorAndTheCurrentDirectoryIsLeftAlone() throws Exception {
        Path cwd = Files.createDirectories(temp.resolve("cwd"));
        for (List<String> args : List.of(List.of("--home", "", "list"), List.of("list", "--home="),
                List.of("--home", " ", "login", "openai"))) {
            Authsome.Run run = inDirectory(cwd, args);
            assertEquals(64, run.exitCode(), args + ": " + run);
            assertTrue(run.err().contains("--home needs a directory"), run.err());
            assertTrue(run.err().contains("next:"), run.err());
        }
        Authsome.Run json = inDirectory(cwd, List.of("--json", "--home", "", "list"));
        assertEquals(64, json.exitCode(), json.toString());
        JsonNode error = json.json();
        assertEquals("USAGE", error.get("error").asText());
        assertEquals(64, error.get("exit_code").asInt());
        assertEquals(1, error.get("v").asInt());
        try (Stream<Path> files = Files.list(cwd)) {
            assertEquals(List.of(), files.toList(), "nothing created in the current directory");
        }
    }

    // ---- a missing or stale master.key ---------------------------------------------------------

    @Test
    void withRecordsAndNoMasterKeyDoctorFailsNamingTheRestoreAndEveryWriteIsRefused() throws Exception {
        assertEquals(0, authsome.runWithInput(VaultCommandsIT.SECRET + "\n", "login", "openai").exitCode());
        Path key = authsome.home().resolve("master.key");
        byte[] saved = Files.readAllBytes(key);
        Files.delete(key);
        Files.delete(authsome.home().resolve("profiles/default/index.rec"));

        Authsome.Run doctor = authsome.run("doctor");
        assertEquals(1, doctor.exitCode(), doctor.toString());
        assertTrue(doctor.out().contains("FAIL") && doctor.out().contains(key + " is missing"), doctor.toString());
        assertTrue(doctor.out().contains("cp BACKUP/master.key " + key), doctor.toString());
        assertFalse(doctor.out().toLowerCase().contains("delete"), "no advice that destroys records: " + doctor);

        Authsome.Run login = authsome.runWithInput(VaultCommandsIT.SECRET + "\n", "login", "openai", "--connection",
                "work");
        assertEquals(5, login.exitCode(), login.toString());
        assertTrue(login.err().contains(key + " is missing") && login.err().contains("cp BACKUP/master.key " + key),
                login.err());
        assertFalse(Files.exists(key), "no new key made over the records");
        Authsome.Run again = authsome.runWithInput(VaultCommandsIT.SECRET + "\n", "login", "openai", "--force");
        assertEquals(5, again.exitCode(), again.toString());

        Files.write(key, saved);
        Authsome.Run get = authsome.run("get", "openai", "--field", "api_key", "--show-secret");
        assertEquals(VaultCommandsIT.SECRET, get.out().strip(), "the restored key opens every record: " + get);
    }

    @Test
    void aMasterKeyFromBeforeARekeyIsExit5NotNotConnected() throws Exception {
        assertEquals(0, authsome.runWithInput(VaultCommandsIT.SECRET + "\n", "login", "openai").exitCode());
        Path key = authsome.home().resolve("master.key");
        byte[] beforeRekey = Files.readAllBytes(key);
        assertEquals(0, authsome.run("vault", "rekey").exitCode());
        Files.write(key, beforeRekey);

        Authsome.Run get = authsome.run("get", "openai");
        assertEquals(5, get.exitCode(), get.toString());
        assertTrue(get.err().contains("does not match the vault"), get.err());
        assertTrue(get.err().contains("cp BACKUP/master.key " + key), get.err());
        Authsome.Run doctor = authsome.run("doctor");
        assertEquals(1, doctor.exitCode(), doctor.toString());
        assertFalse(doctor.out().toLowerCase().contains("delete"), "no advice that destroys records: " + doctor);
    }

    // ---- passphrase mode -----------------------------------------------------------------------

    @Test
    void aPassphraseShorterThanTwelveCharactersIsRefusedAtRekey() throws IOException {
        assertEquals(0, authsome.runWithInput(VaultCommandsIT.SECRET + "\n", "login", "openai").exitCode());
        Authsome.Run rekey = authsome.with("AUTHSOME_NEW_PASSPHRASE", "too short").run("vault", "rekey", "--mode",
                "passphrase");
        assertEquals(65, rekey.exitCode(), rekey.toString());
        assertTrue(rekey.err().contains("at least 12 characters"), rekey.err());
        assertEquals("key-file", new ObjectMapper().readTree(authsome.home().resolve("master.key").toFile())
                .get("mode").asText(), "still in key-file mode");
    }

    @Test
    void aDamagedPassphraseWrapIsExit5AndAWrongPassphraseExit2() throws Exception {
        loginThenRekeyToPassphrase();
        Path key = authsome.home().resolve("master.key");
        ObjectMapper json = new ObjectMapper();
        ObjectNode file = (ObjectNode) json.readTree(key.toFile());
        ObjectNode wrap = (ObjectNode) file.get("wraps").get(0);
        assertEquals("argon2id", wrap.get("kdf").asText());
        byte[] ct = Base64.getDecoder().decode(wrap.get("ct").asText());
        ct[3] ^= 0x40;
        wrap.put("ct", Base64.getEncoder().encodeToString(ct));
        Files.writeString(key, json.writeValueAsString(file));

        Authsome.Run damaged = authsome.with("AUTHSOME_PASSPHRASE", PASSPHRASE).run("get", "openai");
        assertEquals(5, damaged.exitCode(), damaged.toString());
        assertTrue(damaged.err().contains("could not be unwrapped"), damaged.err());
        Authsome.Run wrong = authsome.with("AUTHSOME_PASSPHRASE", "not the vault passphrase").run("get", "openai");
        assertEquals(2, wrong.exitCode(), wrong.toString());
    }

    @Test
    void thePassphrasesAreInNeitherTheEnvironmentNorTheArgvOfTheRunningAuthsome() throws Exception {
        loginThenRekeyToPassphrase();
        authsome.with("AUTHSOME_PASSPHRASE", PASSPHRASE).with("AUTHSOME_NEW_PASSPHRASE", NEW_PASSPHRASE)
                .with("AUTHSOME_CLIENT_SECRET", CLIENT_SECRET);
        // The child reads what any process of the same user can read of its parent, the JVM.
        Authsome.Run run = authsome.run("run", "--", "sh", "-c",
                "tr '\\0' '\\n' < /proc/$PPID/environ; echo '--argv--'; tr '\\0' ' ' < /proc/$PPID/cmdline");
        assertEquals(0, run.exitCode(), run.toString());
        String[] parts = run.out().split("--argv--", 2);
        assertEquals(2, parts.length, run.toString());
        assertTrue(parts[0].contains("AUTHSOME_HOME=" + authsome.home()), "the JVM's environment was read: " + run);
        assertTrue(parts[1].contains("authsome-launcher.jar"), "the JVM's argv was read: " + run);
        for (String secret : List.of(PASSPHRASE, NEW_PASSPHRASE, CLIENT_SECRET)) {
            assertFalse(run.out().contains(secret), "a secret in the JVM's environ or argv: " + run);
        }
        // The passphrase still reached the vault: the run unlocked it, and so does a read.
        Authsome.Run get = authsome.run("get", "openai", "--field", "api_key", "--show-secret");
        assertEquals(VaultCommandsIT.SECRET, get.out().strip(), get.toString());
    }

    // ---- API keys with control characters ------------------------------------------------------

    @Test
    void anApiKeyWithALineBreakOrAnotherControlCharacterIsRefusedAndNotStored() throws Exception {
        Path definition = Files.writeString(temp.resolve("anykey.json"), VaultCommandsIT.ANY_KEY_PROVIDER);
        assertEquals(0, authsome.run("register", definition.toString()).exitCode());
        Authsome.Run crlf = authsome.with("ANYKEY_INPUT", "key-part-one\r\nX-Injected: yes").run("login", "anykey");
        authsome.without("ANYKEY_INPUT");
        assertEquals(65, crlf.exitCode(), crlf.toString());
        assertTrue(crlf.err().contains("control character"), crlf.err());
        Authsome.Run tab = authsome.runWithInput("key-part-one\tkey-part-two\n", "login", "anykey");
        assertEquals(65, tab.exitCode(), tab.toString());

        Authsome.Run list = authsome.run("get", "anykey");
        assertEquals(3, list.exitCode(), "nothing stored: " + list);
        assertEquals(0, authsome.runWithInput("key-part-one key-part-two\n", "login", "anykey").exitCode(),
                "a key without control characters is taken");
    }

    private void loginThenRekeyToPassphrase() {
        assertEquals(0, authsome.runWithInput(VaultCommandsIT.SECRET + "\n", "login", "openai").exitCode());
        Authsome.Run rekey = authsome.with("AUTHSOME_NEW_PASSPHRASE", PASSPHRASE).run("vault", "rekey", "--mode",
                "passphrase");
        authsome.without("AUTHSOME_NEW_PASSPHRASE");
        assertEquals(0, rekey.exitCode(), rekey.toString());
    }

    /** Runs {@code bin/authsome} in {@code cwd} with no AUTHSOME_HOME, so that only the arguments name a home. */
    private static Authsome.Run inDirectory(Path cwd, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Authsome.DIST.resolve("bin/authsome").toAbsolutePath().toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(cwd.toFile());
        builder.environment().remove("AUTHSOME_HOME");
        builder.environment().put("XDG_CACHE_HOME", Path.of("target/it-cache").toAbsolutePath().toString());
        builder.environment().put("HOME", cwd.resolveSibling("user-home").toString());
        Process process = builder.start();
        process.getOutputStream().close();
        CompletableFuture<String> out = Authsome.drain(process.getInputStream());
        CompletableFuture<String> err = Authsome.drain(process.getErrorStream());
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("authsome " + args + " did not finish in 60 s");
        }
        return new Authsome.Run(process.exitValue(), out.join(), err.join());
    }
}
