package io.authsome.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a login tells the person at it when something is wrong or slow, through the built
 * {@code bin/authsome} against authorization servers on loopback: a wrong client is not kept and
 * its timeout names the fix, a new user is told which client to create, {@code --verbose} shows
 * the provider's answer with the tokens redacted, a wait shows its progress, and every failure is
 * audited with its own reason.
 */
class LoginGuidanceIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;
    Authsome authsome;
    int port;
    ClientErrorServer unknownClient;
    FakeAuthorizationServer approving;

    @BeforeEach
    void setUp() throws Exception {
        authsome = new Authsome(temp.resolve("home")).with("AUTHSOME_CLIENT_SECRET", "");
        port = FreePorts.loopback();
        Files.createDirectories(authsome.home());
        Files.writeString(authsome.home().resolve("config.json"), "{\"callback\": {\"port\": " + port + "}}\n");
        unknownClient = new ClientErrorServer();
        approving = new FakeAuthorizationServer();
    }

    @AfterEach
    void tearDown() {
        unknownClient.close();
        approving.close();
    }

    @Test
    void aWrongClientIdIsNotKeptAndItsTimeoutSaysHowToStartOver() throws Exception {
        register("kc", unknownClient.url("/authorize"), unknownClient.url("/token"), "");
        Authsome.Run login = authsome.with("BROWSER", curlBrowser()).runWithInput("\n", "login", "kc",
                "--client-id", "nosuch", "--force", "--timeout", "3");
        assertEquals(2, login.exitCode(), login.toString());
        assertTrue(unknownClient.authorizePages() > 0, "the browser never saw the authorization page: " + login);
        assertTrue(login.err().contains("the authorization page showed an error about the OAuth client"), login.err());
        assertTrue(login.err().contains("authsome remove kc then authsome login kc"), login.err());

        assertEquals("available", provider("kc").get("state").asText(), "the client of a failed login was kept");
        Authsome.Run retry = authsome.run("login", "kc", "--timeout", "3");
        assertEquals(2, retry.exitCode(), retry.toString());
        assertTrue(retry.err().contains("no OAuth client id given for kc"), "the retry reused the bad client: " + retry);
        assertEquals(List.of("timed_out", "no_client"), failedLoginReasons());
    }

    @Test
    void theClientOfASuccessfulLoginIsStoredAndReused() throws Exception {
        register("fake", approving.url("/authorize"), approving.url("/token"), "");
        authsome.with("BROWSER", curlBrowser());
        Authsome.Run first = authsome.runWithInput("\n", "login", "fake", "--client-id", "good", "--timeout", "20");
        assertEquals(0, first.exitCode(), first.toString());
        Authsome.Run second = authsome.run("login", "fake", "--connection", "second", "--timeout", "20");
        assertEquals(0, second.exitCode(), "the stored client was not reused: " + second);
    }

    @Test
    void aFreshHomeIsToldWhichClientToCreateAndWhere() throws Exception {
        Authsome.Run login = authsome.run("login", "github", "--json");
        assertEquals(2, login.exitCode(), login.toString());
        JsonNode error = login.json();
        String message = error.get("message").asText();
        assertTrue(message.contains("https://github.com/settings/developers"), message);
        assertTrue(message.contains("http://127.0.0.1:" + port + "/auth/callback/oauth"), message);
        assertTrue(message.contains("repo read:user"), message);
        assertTrue(message.contains("authsome login github --flow device_code --client-id ID"), message);
        assertEquals("authsome login github --client-id ID", error.get("next_step").asText(), error.toString());

        register("dcrp", approving.url("/authorize"), approving.url("/token"),
                ", \"registration_endpoint\": \"" + approving.url("/register") + "\"");
        Authsome.Run dcr = authsome.run("login", "dcrp", "--json");
        assertEquals(2, dcr.exitCode(), dcr.toString());
        assertEquals("authsome login dcrp --flow dcr_pkce", dcr.json().get("next_step").asText(), dcr.toString());
        assertEquals(List.of("no_client", "no_client"), failedLoginReasons());
    }

    @Test
    void verboseLoginShowsTheProvidersAnswerWithTokensRedacted() throws Exception {
        register("kc", approving.url("/authorize"), unknownClient.url("/token"), "");
        String secret = "client-secret-5e8b";
        Authsome.Run login = authsome.with("BROWSER", curlBrowser()).with("AUTHSOME_CLIENT_SECRET", secret)
                .runWithInput("", "--verbose", "login", "kc", "--client-id", "svc", "--timeout", "20");
        assertEquals(2, login.exitCode(), login.toString());
        assertTrue(login.err().contains("< 401 application/json"), login.err());
        assertTrue(login.err().contains("\"error_description\":\"Invalid client or Invalid client credentials\""),
                "the body of the answer is not shown: " + login.err());
        assertTrue(login.err().contains("\"access_token\":\"[redacted]\""), login.err());
        for (String value : List.of(ClientErrorServer.LEAKED_ACCESS_TOKEN, ClientErrorServer.LEAKED_REFRESH_TOKEN,
                ClientErrorServer.LEAKED_JWT, secret)) {
            assertFalse(login.err().contains(value) || login.out().contains(value), "a secret was printed: " + login);
        }
        assertTrue(login.err().contains("authsome remove kc then authsome login kc"), login.err());
        assertEquals(List.of("client_rejected"), failedLoginReasons());
    }

    @Test
    void aDeniedLoginAndAnUnreachableEndpointAreAuditedAsSuch() throws Exception {
        register("deny", approving.url("/authorize"), approving.url("/token"), "");
        String deny = FakeBrowser.create(temp, "deny", FakeBrowser.DENY.replace("CALLBACK",
                "http://127.0.0.1:" + port + "/auth/callback/oauth")).command();
        Authsome.Run denied = authsome.with("BROWSER", deny).runWithInput("\n", "login", "deny", "--client-id", "cli",
                "--timeout", "20");
        assertEquals(2, denied.exitCode(), denied.toString());

        int closed;
        closed = FreePorts.loopback();
        register("down", approving.url("/authorize?tenant=down"), "http://127.0.0.1:" + closed + "/token", "");
        Authsome.Run down = authsome.with("BROWSER", curlBrowser()).runWithInput("\n", "login", "down",
                "--client-id", "cli", "--timeout", "20");
        assertEquals(8, down.exitCode(), down.toString());
        assertEquals(List.of("access_denied", "endpoint_unreachable"), failedLoginReasons());
    }

    @Test
    void aJsonLoginReportsItsWaitAndAPlainStderrStaysQuiet() throws Exception {
        register("kc", unknownClient.url("/authorize"), unknownClient.url("/token"), "");
        Authsome.Run login = authsome.with("BROWSER", curlBrowser()).runWithInput("\n", "login", "kc",
                "--client-id", "nosuch", "--timeout", "12", "--json");
        assertEquals(2, login.exitCode(), login.toString());
        List<JsonNode> waiting = new ArrayList<>();
        for (String line : login.out().split("\n")) {
            if (line.startsWith("{\"") && line.contains("\"waiting\"")) {
                waiting.add(JSON.readTree(line));
            }
        }
        assertFalse(waiting.isEmpty(), "no waiting event: " + login.out());
        assertTrue(waiting.size() <= 3, "more than one event per 10 s: " + login.out());
        long previous = Long.MAX_VALUE;
        for (JsonNode event : waiting) {
            assertEquals(1, event.get("v").asInt(), event.toString());
            assertEquals("browser", event.get("for").asText(), event.toString());
            long left = event.get("seconds_left").asLong();
            assertTrue(left >= 0 && left <= 12 && left < previous, login.out());
            previous = left;
        }
        assertFalse(login.err().contains("waiting for"), "progress lines on a stderr that is not a terminal: "
                + login.err());
    }

    @Test
    void aJsonDeviceLoginReportsItsWaitForTheApproval() throws Exception {
        Path file = Files.writeString(temp.resolve("dev.json"), """
                {"name": "dev", "auth_type": "oauth2", "flow": "device_code", "api_url": "api.dev.test",
                 "oauth": {"token_url": "%s", "device_authorization_url": "%s", "scopes": ["read"]}}
                """.formatted(approving.url("/token"), approving.url("/device")));
        assertEquals(0, authsome.run("register", file.toString()).exitCode());
        approving.answerDevicePolls("authorization_pending", "authorization_pending");
        Authsome.Run login = authsome.with("BROWSER", "false").runWithInput("\n", "login", "dev", "--client-id", "cli",
                "--no-browser", "--json");
        assertEquals(0, login.exitCode(), login.toString());
        String[] lines = login.out().split("\n");
        assertEquals("device_authorization", JSON.readTree(lines[0]).get("event").asText(), login.out());
        JsonNode waiting = JSON.readTree(lines[1]);
        assertEquals(1, waiting.get("v").asInt(), login.out());
        assertEquals("waiting", waiting.get("event").asText(), login.out());
        assertEquals("device", waiting.get("for").asText(), login.out());
        assertTrue(waiting.get("seconds_left").asLong() <= 60, login.out());
    }

    @Test
    void aTerminalShowsTheWaitOnOneLineUpdatedInPlace() throws Exception {
        register("kc", unknownClient.url("/authorize"), unknownClient.url("/token"), "");
        String command = "'" + Authsome.DIST.resolve("bin/authsome").toAbsolutePath()
                + "' login kc --client-id nosuch --no-browser --timeout 3";
        ProcessBuilder builder = new ProcessBuilder("script", "-q", "-e", "-c", command, "/dev/null");
        builder.environment().put("AUTHSOME_HOME", authsome.home().toString());
        builder.environment().put("AUTHSOME_CLIENT_SECRET", "s");
        builder.environment().put("XDG_CACHE_HOME", Path.of("target/it-cache").toAbsolutePath().toString());
        builder.redirectErrorStream(true);
        Process process = builder.start();
        process.getOutputStream().close();
        CompletableFuture<String> output = Authsome.drain(process.getInputStream());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the login did not end");
        String screen = output.join();
        assertEquals(2, process.exitValue(), screen);
        assertTrue(screen.contains("\r\u001b[Kwaiting for the login in the browser: 0:0"), screen);
        assertTrue(screen.contains(" left\r\u001b[K"), "the line is not cleared when the wait ends: " + screen);
    }

    // ---------------------------------------------------------------- helpers

    private void register(String name, String authorize, String token, String extra) throws IOException {
        Path file = Files.writeString(temp.resolve(name + ".json"), """
                {"name": "%s", "auth_type": "oauth2", "flow": "pkce", "api_url": "api.%s.test",
                 "oauth": {"authorization_url": "%s", "token_url": "%s", "scopes": ["read"]%s}}
                """.formatted(name, name, authorize, token, extra));
        Authsome.Run register = authsome.run("register", file.toString());
        assertEquals(0, register.exitCode(), register.toString());
    }

    /** The reasons of the failed login events in the audit log, in order. */
    private List<String> failedLoginReasons() throws IOException {
        List<String> reasons = new ArrayList<>();
        for (String line : Files.readAllLines(authsome.home().resolve("audit.log"), StandardCharsets.UTF_8)) {
            JsonNode event = JSON.readTree(line);
            if (event.get("event").asText().equals("login") && event.get("outcome").asText().equals("failure")) {
                reasons.add(event.get("reason").asText());
            }
        }
        return reasons;
    }

    private JsonNode provider(String name) {
        for (JsonNode provider : authsome.run("list", "--json").json().get("providers")) {
            if (provider.get("name").asText().equals(name)) {
                return provider;
            }
        }
        throw new AssertionError("no provider " + name);
    }

    /** A browser that loads the URL and follows its redirects, as a person who approves at once would. */
    private String curlBrowser() throws IOException {
        return FakeBrowser.create(temp, "curl-browser", FakeBrowser.FOLLOW).command();
    }
}
