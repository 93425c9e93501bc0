package io.authsome.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A long-running agent uses the daemon's shared proxy with an agent credential, as a user sets it
 * up: {@code daemon start}, {@code agent add}, then curl with the printed HTTPS_PROXY and CA
 * bundle. The allowed provider's key is injected; another provider's host is tunnelled blind; a
 * wrong credential and a revoked agent get 407; the credential never reaches the audit log.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgentProxyIT {
    private static final String ECHO_KEY = "sk-agent-echo-5e2d8a1f-injected";
    private static final String OTHER_KEY = "sk-agent-other-9c4b7e3a-withheld";

    @TempDir
    static Path temp;
    TestCa ca;
    ApiServer api;
    Authsome authsome;
    Path trust;

    @BeforeAll
    void setUp() throws Exception {
        assumeFalse(Daemons.THROUGH_DAEMON, "starts and stops its own daemon");
        ca = TestCa.create(List.of(RunProxyIT.API, RunProxyIT.OTHER));
        api = ApiServer.start(ca.serverContext());
        int port = FreePorts.loopback();
        authsome = RunProxyIT.home(temp.resolve("home"), ca, "\"resolve\": {\"" + RunProxyIT.API + "\": \"127.0.0.1\", \""
                + RunProxyIT.OTHER + "\": \"127.0.0.1\"}", "\"daemon\": {\"proxy_port\": " + port + "}");
        RunProxyIT.register(authsome, "echoapi", RunProxyIT.API);
        RunProxyIT.register(authsome, "otherapi", RunProxyIT.OTHER);
        assertEquals(0, authsome.with("ECHOAPI_KEY", ECHO_KEY).run("login", "echoapi").exitCode());
        assertEquals(0, authsome.without("ECHOAPI_KEY").with("OTHERAPI_KEY", OTHER_KEY).run("login", "otherapi")
                .exitCode());
        authsome.without("OTHERAPI_KEY");
        Authsome.Run start = authsome.run("daemon", "start");
        assertEquals(0, start.exitCode(), start.toString());
    }

    @AfterAll
    void tearDown() throws IOException {
        if (api != null) {
            authsome.run("daemon", "stop");
            api.close();
        }
    }

    /** curl through {@code proxy}, trusting the agents' CA bundle and the test servers' CA; status line and body. */
    private String curl(String proxy, String host) throws Exception {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "--max-time", "20", "-o", "-", "-w",
                "\nstatus=%{http_code}", "--proxy", proxy, "--cacert", trust.toString(),
                "https://" + host + ":" + api.port() + "/echo"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        return output;
    }

    private JsonNode add(String name, String allow) throws Exception {
        Authsome.Run add = authsome.run("--json", "agent", "add", name, "--allow", allow);
        assertEquals(0, add.exitCode(), add.toString());
        JsonNode result = add.json();
        Path bundle = Path.of(result.get("ca_bundle").asText());
        trust = temp.resolve("trust-" + name + ".pem");
        Files.writeString(trust, Files.readString(bundle) + Files.readString(ca.writeCertificate(temp.resolve("test-ca.pem"))));
        return result;
    }

    @Test
    void anAgentReachesOnlyItsProvidersUntilRevoked() throws Exception {
        JsonNode bot = add("bot", "echoapi");
        String proxy = bot.get("https_proxy").asText();

        String allowed = curl(proxy, RunProxyIT.API);
        assertTrue(allowed.contains("status=200"), allowed);
        assertTrue(allowed.contains("Bearer " + ECHO_KEY), "the allowed provider's key is injected: " + allowed);

        String other = curl(proxy, RunProxyIT.OTHER);
        assertTrue(other.contains("status=200"), other);
        assertFalse(other.contains(OTHER_KEY), "another provider's host gets no credential: " + other);

        String wrong = curl(proxy.replace(bot.get("credential").asText(), "not-the-credential"), RunProxyIT.API);
        assertTrue(wrong.contains("407"), wrong);

        Authsome.Run revoke = authsome.run("agent", "revoke", "bot");
        assertEquals(0, revoke.exitCode(), revoke.toString());
        String revoked = curl(proxy, RunProxyIT.API);
        assertTrue(revoked.contains("407"), "a revoked agent is refused at its next request: " + revoked);

        String audit = Files.readString(authsome.home().resolve("audit.log"));
        assertFalse(audit.contains(bot.get("credential").asText()), "the agent credential is never audited");
        assertFalse(audit.contains(ECHO_KEY) || audit.contains(OTHER_KEY));
        assertTrue(audit.contains("\"agent\":\"bot\""), "requests are audited under the agent's name");
        assertTrue(audit.contains("not_allowed"), "the withheld provider's request is audited as such");
    }
}
