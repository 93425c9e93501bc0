package io.authsome.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.authsome.runtime.testplugin.TestSigner;
import io.authsome.runtime.testplugin.TestSignerActivator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Providers of {@code auth_type plugin}: one whose plugin nobody provides is a problem that
 * {@code list}, {@code inspect}, {@code doctor} and {@code login} all name, without a crash; one
 * whose plugin a drop-in bundle carries logs in with the fields it declares (from the
 * environment, standard input and a key file relative to the working directory), and its
 * connection is shown by {@code get}, printed by {@code export} and given to a {@code run} child
 * (the values of fields that are not secret, placeholders for the secret ones), with no secret in
 * the audit log. A plugin that throws fails only the request it was asked to sign, with a 502
 * and an audit event; its next request and other providers' requests go through.
 */
class PluginProvidersIT {
    private static final String SECRET = "sig-secret-6d1f0a9c3e-never-shown";
    private static final String PEM = "-----BEGIN TEST KEY-----\nc2lnbmVyIGtleSBmb3IgdGVzdHM=\n-----END TEST KEY-----\n";
    private static final String SIGNED = """
            {"name": "sig", "display_name": "Sig", "auth_type": "plugin", "injector": "test-signer",
             "api_url": "api.sig.test",
             "export": {"env": {"key_id": "SIG_KEY_ID", "secret": "SIG_SECRET", "session": "SIG_SESSION",
                                "region": ["SIG_REGION", "SIG_DEFAULT_REGION"], "key_file": "SIG_KEY"}}}""";

    @TempDir
    Path temp;

    @Test
    void aProviderWhosePluginNobodyProvidesIsAProblemEverywhereAndNeverACrash() throws Exception {
        Authsome authsome = new Authsome(temp.resolve("home"));
        Path definition = Files.writeString(temp.resolve("lonely.json"), """
                {"name": "lonely", "auth_type": "plugin", "injector": "nobody-provides", "api_url": "api.lonely.test",
                 "export": {"env": {"token": "LONELY_TOKEN"}}}""");
        Authsome.Run register = authsome.run("register", definition.toString());
        assertEquals(0, register.exitCode(), register.toString());
        assertTrue(register.out().contains("It needs the plugin 'nobody-provides', which no running bundle provides"
                + " yet"), register.toString());

        Authsome.Run list = authsome.run("list", "--json");
        assertEquals(0, list.exitCode(), list.toString());
        JsonNode lonely = provider(list.json(), "lonely");
        assertEquals("plugin_missing", lonely.get("state").asText());
        assertTrue(lonely.get("next_step").asText().contains("the plugin 'nobody-provides'"), lonely.toString());
        assertTrue(list.json().get("problems").toString().contains("needs the plugin 'nobody-provides'"),
                list.toString());
        Authsome.Run table = authsome.run("list");
        assertTrue(table.out().contains("plugin missing"), table.toString());
        assertFalse(table.out().contains("definition(s) rejected"), "the definition is valid: " + table);

        Authsome.Run inspect = authsome.run("inspect", "lonely", "--json");
        assertEquals(0, inspect.exitCode(), inspect.toString());
        assertEquals("plugin_missing", inspect.json().get("plugin_state").asText());

        Authsome.Run doctor = authsome.run("doctor");
        assertNotEquals(0, doctor.exitCode(), doctor.toString());
        String report = doctor.out() + doctor.err();
        assertTrue(report.contains("provider lonely needs the plugin 'nobody-provides'"), report);
        assertTrue(report.contains("authsome unregister lonely"), report);

        Authsome.Run login = authsome.with("LONELY_TOKEN", "x").run("login", "lonely");
        assertEquals(4, login.exitCode(), login.toString());
        assertTrue(login.err().contains("needs the plugin 'nobody-provides', and no running bundle provides it"),
                login.toString());
        assertEquals(3, authsome.run("get", "lonely").exitCode(), "nothing was stored");
    }

    @Test
    void aDroppedInPluginLogsInAndItsConnectionIsShownExportedAndGivenToRun() throws Exception {
        Authsome authsome = new Authsome(temp.resolve("home"));
        dropTestSigner(authsome);
        Path key = Files.writeString(temp.resolve("signer.pem"), PEM);
        String relative = Path.of("").toAbsolutePath().relativize(key).toString();
        assertFalse(Path.of(relative).isAbsolute());

        authsome.with("TESTSIG_KEY_ID", "KEYID123").with("TESTSIG_SECRET", SECRET).with("TESTSIG_REGION", "eu-west-1");
        Authsome.Run refused = authsome.with("TESTSIG_SECRET", "short").runWithInput("\n" + relative + "\n",
                "login", "sig");
        assertEquals(65, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("Secret (secret): is shorter than 8 characters; nothing was stored"),
                refused.toString());

        Authsome.Run login = authsome.with("TESTSIG_SECRET", SECRET).runWithInput("\n" + relative + "\n",
                "login", "sig", "--json");
        assertEquals(0, login.exitCode(), login.toString());
        assertEquals("fields", login.json().get("flow").asText());

        Authsome.Run inspect = authsome.run("inspect", "sig", "--json");
        assertEquals("running", inspect.json().get("plugin_state").asText(), inspect.toString());
        assertEquals("headers the plugin 'test-signer' sets on each request (a signature)",
                inspect.json().get("injects").asText());

        Authsome.Run get = authsome.run("get", "sig", "--json");
        assertEquals(0, get.exitCode(), get.toString());
        JsonNode view = get.json();
        assertEquals("connected", view.get("state").asText());
        assertEquals("KEYID123", view.get("key_id").asText());
        assertEquals("eu-west-1", view.get("region").asText());
        assertEquals("acct-KEYID123", view.get("account").asText());
        assertEquals("[redacted]", view.get("secrets").get("secret").asText());
        assertEquals("[redacted]", view.get("secrets").get("key_file").asText());
        assertFalse(view.get("secrets").has("session"), "the optional field left empty is not stored");
        assertFalse(get.out().contains(SECRET));
        Authsome.Run shown = authsome.run("get", "sig", "--field", "secret", "--show-secret");
        assertEquals(SECRET, shown.out().strip(), shown.toString());

        Authsome.Run export = authsome.run("export", "sig", "--format", "json");
        assertEquals(0, export.exitCode(), export.toString());
        JsonNode variables = export.json();
        assertEquals(List.of("SIG_KEY_ID", "SIG_SECRET", "SIG_REGION", "SIG_DEFAULT_REGION", "SIG_KEY"),
                iterate(variables.fieldNames()), "the fields in login order, the session token left out");
        assertEquals(SECRET, variables.get("SIG_SECRET").asText());
        assertEquals(PEM, variables.get("SIG_KEY").asText());
        Authsome.Run shell = authsome.run("export", "sig", "--format", "shell");
        assertTrue(shell.out().contains("export SIG_REGION='eu-west-1'"), shell.toString());

        Authsome.Run run = authsome.with("SIG_SESSION", "inherited-session").with("SIG_REGION", "us-east-1")
                .run("run", "--", "sh", "-c", "echo \"id=$SIG_KEY_ID secret=$SIG_SECRET region=$SIG_REGION"
                        + " default=$SIG_DEFAULT_REGION session=${SIG_SESSION-unset} key=$SIG_KEY\"");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("id=KEYID123 secret=authsome-proxy-managed region=eu-west-1 default=eu-west-1"
                + " session=unset key=authsome-proxy-managed"), run.toString());

        String audit = Files.readString(authsome.home().resolve("audit.log"));
        assertTrue(audit.contains("\"event\":\"export\""), audit);
        assertTrue(audit.contains("SIG_SECRET"), "the export names its variables: " + audit);
        try (Stream<Path> files = Files.walk(authsome.home())) { // the audit, the daemon's log, the records
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1);
                assertFalse(text.contains(SECRET) || text.contains("c2lnbmVyIGtleSBmb3IgdGVzdHM"), file.toString());
            }
        }
    }

    @Test
    void aPluginThatThrowsFailsOnlyItsOwnRequestsWithA502AndAnAuditEvent() throws Exception {
        TestCa ca = TestCa.create(List.of("api.sig.test", "api.echo.test"));
        try (ApiServer api = ApiServer.start(ca.serverContext())) {
            Authsome authsome = RunProxyIT.home(temp.resolve("home"), ca,
                    "\"resolve\": {\"api.sig.test\": \"127.0.0.1\", \"api.echo.test\": \"127.0.0.1\"}", "");
            RunProxyIT.register(authsome, "echoapi", "api.echo.test");
            assertEquals(0, authsome.with("ECHOAPI_KEY", "echo-key-4b1e").run("login", "echoapi").exitCode());
            dropTestSigner(authsome);
            Authsome.Run login = authsome.without("ECHOAPI_KEY").with("TESTSIG_KEY_ID", "KEYID123")
                    .with("TESTSIG_SECRET", SECRET).with("TESTSIG_REGION", "eu-west-1")
                    .runWithInput("\n\n", "login", "sig");
            assertEquals(0, login.exitCode(), login.toString());

            String curl = "curl -sS -w ' %%{http_code}\\n' https://%s:" + api.port() + "%s; ";
            Authsome.Run run = authsome.run("run", "--", "sh", "-c", curl.formatted("api.sig.test", "/throw")
                    + curl.formatted("api.sig.test", "/signed") + curl.formatted("api.echo.test", "/bearer"));
            assertEquals(0, run.exitCode(), run.toString());
            assertTrue(run.out().contains("the plugin 'test-signer' could not prepare the request: the plugin failed"
                    + " (java.lang.IllegalStateException)\n 502\n"), run.toString());
            assertTrue(run.out().contains("\"x-test-signer\":\"KEYID123\"},\"body_length\":0} 200\n"),
                    "the same plugin signs its next request: " + run);
            assertTrue(run.out().contains("\"authorization\":\"Bearer echo-key-4b1e\"},\"body_length\":0} 200\n"),
                    "other providers keep working: " + run);
            assertTrue(run.err().contains("authsome run: sig: the plugin 'test-signer' could not prepare the request"),
                    "the person running the child is told too: " + run);
            assertFalse(run.out().contains(SECRET), run.toString());

            String failed = Files.readAllLines(authsome.home().resolve("audit.log")).stream() // written when run ends
                    .filter(line -> line.contains("/throw")).findFirst().orElseThrow();
            assertTrue(failed.contains("\"status\":502") && failed.contains("plugin_error"), failed);
            assertTrue(failed.contains("IllegalStateException"), failed);
        }
    }

    /**
     * Drops a bundle into the home that carries the provider {@code sig} and its plugin
     * ({@link TestSigner}), trusts it (it carries code), and waits until the plugin runs.
     */
    static void dropTestSigner(Authsome authsome) throws Exception {
        Files.createDirectories(authsome.home().resolve("dropins"));
        ProviderJar.write(authsome.home().resolve("dropins/sig.jar"), "com.example.sig", SIGNED, Map.of(
                "Bundle-Activator", TestSignerActivator.class.getName(),
                "Import-Package", "io.authsome.api.plugin;version=\"[1.0,2)\",org.osgi.framework"),
                List.of(TestSigner.class, TestSignerActivator.class));
        Authsome.Run trust = authsome.run("bundles", "trust", "sig.jar");
        assertEquals(0, trust.exitCode(), trust.toString());
        awaitPlugin(authsome);
    }

    /** FileInstall starts the drop-in within a poll or two; until then the provider's plugin is missing. */
    private static void awaitPlugin(Authsome authsome) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            Authsome.Run list = authsome.run("list", "--json");
            JsonNode sig = list.exitCode() == 0 ? provider(list.json(), "sig") : null;
            if (sig != null && sig.get("state").asText().equals("available")) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the test plugin did not start: " + list);
            }
            Thread.sleep(500);
        }
    }

    private static JsonNode provider(JsonNode list, String name) {
        for (JsonNode provider : list.get("providers")) {
            if (provider.get("name").asText().equals(name)) {
                return provider;
            }
        }
        return null;
    }

    private static List<String> iterate(java.util.Iterator<String> names) {
        Stream.Builder<String> all = Stream.builder();
        names.forEachRemaining(all);
        return all.build().toList();
    }
}
