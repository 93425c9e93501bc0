package io.authsome.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A request behind {@code authsome run} to the API of a provider whose credential authsome knows
 * to be unusable ({@code invalid}, {@code expired} beyond renewal, or only {@code configured}) is
 * answered by the proxy itself with what the person must run, instead of the API's bare 401. A
 * provider merely available is untouched, and {@code proxy.unconnected = pass} turns the answer
 * off. The OAuth provider is logged in against a real authorization server on loopback; its first
 * access token lives 4 s.
 */
class NoCredentialsIT {
    private static final String EVENT = "proxy_no_credentials";

    @TempDir
    Path temp;
    TestCa ca;
    ApiServer api;
    FakeAuthorizationServer server;
    Authsome authsome;
    int callbackPort;

    @BeforeEach
    void setUp() throws Exception {
        server = new FakeAuthorizationServer();
        ca = TestCa.create(List.of(RunProxyIT.API, RunProxyIT.OTHER));
        api = ApiServer.start(ca.serverContext());
        callbackPort = FreePorts.loopback();
        authsome = home("");
        Path provider = Files.writeString(temp.resolve("fake.json"), "{\"name\": \"fake\", \"auth_type\": \"oauth2\","
                + " \"api_url\": \"" + RunProxyIT.API + "\", \"oauth\": {\"authorization_url\": \"" + server.url("/authorize")
                + "\", \"token_url\": \"" + server.url("/token") + "\", \"scopes\": [\"read\"]}}");
        assertEquals(0, authsome.run("register", provider.toString()).exitCode());
        RunProxyIT.register(authsome, "idle", RunProxyIT.OTHER); // available: never logged in
        assertEquals(0, BrowserUser.login(authsome, server.url("/authorize"), "fake").exitCode());
    }

    /** The home, with {@code proxyMembers} (empty, or members ending without a comma) added to its proxy settings. */
    private Authsome home(String proxyMembers) throws Exception {
        return RunProxyIT.home(temp.resolve("home"), ca, "\"resolve\": {\"" + RunProxyIT.API + "\": \"127.0.0.1\", \""
                + RunProxyIT.OTHER + "\": \"127.0.0.1\"}" + proxyMembers, "\"callback\": {\"port\": " + callbackPort + "}");
    }

    @AfterEach
    void tearDown() throws IOException {
        api.close();
        server.close();
    }

    /** What curl got: status line and headers, then the body. */
    private record Answer(int status, String headers, JsonNode body) {
        String header(String name) {
            for (String line : headers.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith(name.toLowerCase(Locale.ROOT) + ":")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
            return null;
        }
    }

    private Answer request(Authsome home, String host) throws IOException {
        Authsome.Run run = home.run("run", "--", "curl", "-sS", "-i", "--suppress-connect-headers",
                "https://" + host + ":" + api.port() + "/v1/models");
        assertEquals(0, run.exitCode(), run.toString());
        String out = run.out().replace("\r\n", "\n");
        int split = out.indexOf("\n\n");
        assertTrue(split > 0, run.toString());
        String headers = out.substring(0, split).replace("\n", "\r\n");
        return new Answer(Integer.parseInt(headers.split(" ")[1]), headers, // HTTP/1.1 or HTTP/2
                RunProxyIT.JSON.readTree(out.substring(split + 2)));
    }

    private void assertAnswered(Answer answer, int status, String state, String connection, String next) {
        assertEquals(status, answer.status(), answer.toString());
        assertEquals(next, answer.header("X-Authsome-Next"), answer.toString());
        assertTrue(answer.header("Content-Type").startsWith("application/json"), answer.toString());
        JsonNode body = answer.body();
        assertEquals(1, body.path("v").asInt(), body.toString());
        assertEquals("CREDENTIAL_UNAVAILABLE", body.path("error").asText(), body.toString());
        assertEquals("fake", body.path("provider").asText());
        assertEquals(connection, body.path("connection").isNull() ? null : body.path("connection").asText());
        assertEquals(state, body.path("state").asText());
        assertEquals(next, body.path("next_step").asText());
        assertEquals(0, api.connections(), "the request never reached the API");
    }

    @Test
    void anInvalidConnectionIsAnswered401WithRevokeThenLogin() throws Exception {
        server.revokeAllGrants();
        Thread.sleep(2500); // past half the token's life: the proxy refreshes, and the server rejects the grant
        Answer answer = request(authsome, RunProxyIT.API);
        assertAnswered(answer, 401, "invalid", "default", "authsome revoke fake then authsome login fake");
        JsonNode event = lastEvent(EVENT);
        assertEquals("fake", event.path("provider").asText());
        assertEquals("default", event.path("connection").asText());
        assertEquals("invalid", event.path("state").asText());
        assertEquals(401, event.path("status").asInt());
        assertEquals("/v1/models", event.path("path").asText());
        assertEquals("failure", event.path("outcome").asText());

        Answer again = request(authsome, RunProxyIT.API);
        assertAnswered(again, 401, "invalid", "default", "authsome revoke fake then authsome login fake");
    }

    @Test
    void anExpiredTokenThatCannotBeRefreshedIsAnswered403() throws Exception {
        server.close(); // the token endpoint is unreachable: a transient failure, the state becomes expired
        Thread.sleep(4500);
        Answer answer = request(authsome, RunProxyIT.API);
        assertAnswered(answer, 403, "expired", "default", "authsome login fake --force");
        assertEquals("expired", lastEvent(EVENT).path("state").asText());
    }

    @Test
    void aConfiguredProviderIsAnsweredWithTheLoginAndAnAvailableOneIsUntouched() throws Exception {
        assertEquals(0, authsome.run("logout", "fake").exitCode()); // the OAuth client stays: configured
        Answer answer = request(authsome, RunProxyIT.API);
        assertAnswered(answer, 403, "configured", null, "authsome login fake");
        assertEquals("configured", lastEvent(EVENT).path("state").asText());

        Answer other = request(authsome, RunProxyIT.OTHER);
        assertEquals(200, other.status(), "the provider that is merely available is not intercepted: " + other);
        assertEquals("tunnelled", RunProxyIT.proxyRequests(authsome, 1).get(0).path("mode").asText());
    }

    @Test
    void withUnconnectedPassTheRequestGoesToTheApiUntouched() throws Exception {
        assertEquals(0, authsome.run("logout", "fake").exitCode());
        Authsome passing = home(", \"unconnected\": \"pass\"");
        Answer answer = request(passing, RunProxyIT.API);
        assertEquals(200, answer.status(), answer.toString());
        assertTrue(answer.body().path("headers").path("authorization").isMissingNode(), answer.toString());
        assertEquals("tunnelled", RunProxyIT.proxyRequests(passing, 1).get(0).path("mode").asText());
    }

    @Test
    void anUnknownUnconnectedValueIsRefusedWithTheFix() throws Exception {
        Authsome.Run run = home(", \"unconnected\": \"ignore\"").run("run", "--", "true");
        assertEquals(65, run.exitCode(), run.toString());
        assertTrue(run.err().contains("proxy.unconnected") && run.err().contains("\"answer\" or \"pass\""), run.err());
    }

    private JsonNode lastEvent(String name) throws IOException {
        List<JsonNode> events = new ArrayList<>();
        try (Stream<String> lines = Files.lines(authsome.home().resolve("audit.log"))) {
            for (String line : lines.toList()) {
                JsonNode event = RunProxyIT.JSON.readTree(line);
                if (event.path("event").asText().equals(name)) {
                    events.add(event);
                }
            }
        }
        assertTrue(!events.isEmpty(), "no " + name + " event");
        return events.get(events.size() - 1);
    }
}
