package io.authsome.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-input corpus through bin/authsome: a representative set of the provider definitions
 * of {@code corpus/provider-definitions.json} (every one of which ProviderCorpusTest parses),
 * and the paths, config values, names and hostile keys that only a whole command meets. Each is
 * refused with a message naming the problem and the documented exit code, in bounded time, and
 * nothing valid is lost.
 */
class BadInputCorpusIT {
    private static final Path CORPUS = Path.of("../bundles/providers/src/test/resources/corpus/provider-definitions.json");
    private static final String KEPT_KEY = "sk-kept-0123456789";

    @TempDir
    Path temp;
    Authsome authsome;

    @BeforeEach
    void setUp() throws Exception {
        authsome = new Authsome(temp.resolve("home"));
        Path keep = Files.writeString(temp.resolve("keep.json"),
                "{\"name\": \"keep\", \"auth_type\": \"api_key\", \"api_url\": \"api.keep.test\"}");
        assertEquals(0, authsome.run("register", keep.toString()).exitCode());
        assertEquals(0, authsome.runWithInput(KEPT_KEY + "\n", "login", "keep").exitCode());
    }

    /** The provider and key stored before the corpus ran are still there, unchanged. */
    private void nothingValidIsLost() {
        Authsome.Run get = authsome.run("get", "keep", "--field", "api_key", "--show-secret");
        assertEquals(0, get.exitCode(), get.toString());
        assertEquals(KEPT_KEY, get.out().strip());
        Authsome.Run doctor = authsome.run("doctor");
        assertFalse(doctor.out().contains("FAIL"), doctor.toString());
    }

    private static void refused(Authsome.Run run, int exitCode, String... says) {
        assertEquals(exitCode, run.exitCode(), run.toString());
        for (String text : says) {
            assertTrue(run.err().contains(text), "'" + text + "' not in: " + run);
        }
        assertFalse(run.err().contains("Exception"), "a Java exception reached the user: " + run);
        assertFalse(run.err().chars().anyMatch(c -> c == 0x1b || c == '\r'), "a raw control character: " + run);
    }

    @Test
    void representativeProviderDefinitionsAreRefusedNamingTheFieldOrAcceptedAsMeant() throws Exception {
        JsonNode entries = new ObjectMapper().readTree(CORPUS.toFile()).get("entries");
        int checked = 0;
        for (JsonNode entry : entries) {
            if (!entry.path("e2e").asBoolean()) {
                continue;
            }
            checked++;
            Path file = temp.resolve(entry.get("id").asText() + ".json");
            Files.write(file, bytesOf(entry));
            Authsome.Run register = authsome.run("register", file.toString(), "--force");
            if (entry.path("valid").asBoolean()) {
                assertEquals(0, register.exitCode(), entry.get("id") + ": " + register);
                if (entry.has("injects")) {
                    JsonNode inspect = authsome.run("--json", "inspect", "corpus").json();
                    assertEquals(entry.get("injects").asText(), inspect.get("injects").asText(), inspect.toString());
                }
            } else {
                String field = entry.get("field").isNull() ? "" : entry.get("field").asText() + ": ";
                refused(register, 65, field, entry.get("says").asText());
            }
        }
        assertTrue(checked >= 10, "representative set: " + checked);
        nothingValidIsLost();
    }

    /** The bytes of a corpus entry, as ProviderCorpusTest builds them. */
    private static byte[] bytesOf(JsonNode entry) throws Exception {
        if (entry.has("raw")) {
            return entry.get("raw").asText().getBytes(StandardCharsets.UTF_8);
        }
        JsonNode generate = entry.get("generate");
        if (generate != null && generate.has("nested")) {
            int depth = generate.get("nested").asInt();
            return ("{\"a\":".repeat(depth) + "1" + "}".repeat(depth)).getBytes(StandardCharsets.UTF_8);
        }
        if (generate != null) {
            return ("{\"name\":\"corpus\",\"description\":\"" + "x".repeat(generate.get("bytes").asInt()) + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
        }
        return new ObjectMapper().writeValueAsBytes(entry.get("definition"));
    }

    @Test
    void pathsThatAreNotADefinitionFileAreRefusedAtOnce() throws Exception {
        Path fifo = temp.resolve("fifo.json");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0);
        refused(authsome.run("register", fifo.toString()), 65, "is not a regular file");
        refused(authsome.run("register", "/dev/zero"), 65, "is not a regular file");
        refused(authsome.run("register", Files.createDirectory(temp.resolve("dir.json")).toString()), 65,
                "is a directory");
        refused(authsome.run("register", temp.resolve("missing.json").toString()), 65, "does not exist");
        Path huge = temp.resolve("huge.json");
        Files.write(huge, new byte[5 * 1024 * 1024]);
        refused(authsome.run("register", huge.toString()), 65, "larger than", "4 MiB");
        refused(authsome.run("register", Files.writeString(temp.resolve("empty.json"), "").toString()), 65,
                "empty document");
        nothingValidIsLost();
    }

    @Test
    void aCallbackPortOutOfRangeStopsTheLoginNamingTheSetting() throws Exception {
        Path kc = Files.writeString(temp.resolve("kc.json"), "{\"name\": \"kc\", \"auth_type\": \"oauth2\","
                + " \"api_url\": \"api.kc.test\", \"oauth\": {\"authorization_url\": \"http://127.0.0.1:9/authorize\","
                + " \"token_url\": \"http://127.0.0.1:9/token\"}}");
        assertEquals(0, authsome.run("register", kc.toString()).exitCode());
        Path config = authsome.home().resolve("config.json");
        for (String port : List.of("99999", "-1", "0", "\"8765\"", "1e3")) {
            Files.writeString(config, "{\"callback\": {\"port\": " + port + "}}");
            Authsome.Run login = authsome.runWithInput("\n", "login", "kc", "--client-id", "cli", "--no-browser",
                    "--timeout", "5");
            refused(login, 65, "callback.port in " + config, "not a port number from 1 to 65535");
        }
        Files.delete(config);
        nothingValidIsLost();
    }

    @Test
    void namesThatNameNothingAreRefusedWithTheirCode() {
        String longName = "a".repeat(300);
        refused(authsome.run("login", longName), 4, "unknown provider");
        refused(authsome.run("get", longName), 4, "unknown provider");
        refused(authsome.run("get", "keep", "--connection", longName), 3);
        refused(authsome.run("get", "keep", "--connection", "../../etc"), 3);
        nothingValidIsLost();
    }

    @Test
    void hostileKeysExportAsDotenvThatSourcesBackUnchangedOrAreRefused() throws Exception {
        String runs = "sk-$(touch pwned)`touch pwned2`${HOME}x";
        assertEquals(0, authsome.runWithInput(runs + "\n", "login", "keep", "--connection", "runs").exitCode());
        Authsome.Run export = authsome.run("export", "keep", "--connection", "runs", "--format", "dotenv");
        refused(export, 65, "KEEP_API_KEY", "python-dotenv expands");
        assertFalse(export.err().contains(runs) || export.out().contains(runs), export.toString());

        String backticks = "sk-$(touch pwned)`touch pwned2`x";
        assertEquals(0, authsome.runWithInput(backticks + "\n", "login", "keep", "--connection", "ticks").exitCode());
        export = authsome.run("export", "keep", "--connection", "ticks", "--format", "dotenv");
        assertEquals(0, export.exitCode(), export.toString());
        Path env = Files.writeString(temp.resolve(".env"), export.out());
        Process bash = new ProcessBuilder("bash", "-c", "set -a; . ./.env; printf '%s' \"$KEEP_API_KEY\"")
                .directory(temp.toFile()).start();
        String read = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(bash.waitFor(10, TimeUnit.SECONDS));
        assertEquals(backticks, read);
        assertFalse(Files.exists(temp.resolve("pwned")) || Files.exists(temp.resolve("pwned2")), "the key ran");
        assertTrue(Files.exists(env));

        String quote = "sk-it's-\"both\"";
        assertEquals(0, authsome.runWithInput(quote + "\n", "login", "keep", "--connection", "quote").exitCode());
        refused(authsome.run("export", "keep", "--connection", "quote", "--format", "dotenv"), 65,
                "KEEP_API_KEY", "a single quote together with a double quote", "--format json");
        nothingValidIsLost();
    }
}
