package io.authsome.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What list and get say of a connection is its true state, and what the audit log says of a
 * secret read is what happened; every --json document carries the format version. Against a
 * real authorization server on loopback, through bin/authsome.
 */
class StatesIT {
    @TempDir
    Path temp;
    Authsome authsome;
    FakeAuthorizationServer server;

    @BeforeEach
    void setUp() throws Exception {
        server = new FakeAuthorizationServer();
        authsome = new Authsome(temp.resolve("home"));
        Files.createDirectories(authsome.home());
        int port;
        port = FreePorts.loopback();
        Files.writeString(authsome.home().resolve("config.json"), "{\"callback\": {\"port\": " + port + "}}");
        Path provider = Files.writeString(temp.resolve("fake.json"), "{\"name\": \"fake\", \"auth_type\": \"oauth2\","
                + " \"api_url\": \"127.0.0.1:1\", \"oauth\": {\"authorization_url\": \"" + server.url("/authorize")
                + "\", \"token_url\": \"" + server.url("/token") + "\", \"scopes\": [\"read\"]}}");
        assertEquals(0, authsome.run("register", provider.toString()).exitCode());
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private void login() throws Exception {
        Authsome.Run login = BrowserUser.login(authsome, server.url("/authorize"), "fake");
        assertEquals(0, login.exitCode(), login.toString());
    }

    /** Logs in with a token that is expired when issued, then has its refresh rejected: invalid. */
    private void loginThenInvalidate() throws Exception {
        server.nextAccessLifetime(0);
        login();
        server.revokeAllGrants();
        Authsome.Run get = authsome.run("get", "fake");
        assertEquals(0, get.exitCode(), get.toString());
    }

    private static JsonNode provider(JsonNode list, String name) {
        return StreamSupport.stream(list.get("providers").spliterator(), false)
                .filter(p -> p.get("name").asText().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aTokenPastItsExpiryWithNoRefreshTokenIsExpiredInListAndGetBeforeAnyUse() throws Exception {
        server.withoutRefreshTokens();
        server.nextAccessLifetime(0);
        login();
        JsonNode fake = provider(authsome.run("--json", "list").json(), "fake");
        assertEquals("expired", fake.get("state").asText(), fake.toString());
        assertEquals("authsome login fake --force", fake.get("connections").get(0).get("next_step").asText());
        JsonNode get = authsome.run("--json", "get", "fake").json();
        assertEquals("expired", get.get("state").asText(), get.toString());
        assertEquals("authsome login fake --force", get.get("next_step").asText());
        Authsome.Run list = authsome.run("list");
        assertTrue(list.out().contains("fake/default is expired: authsome login fake --force"), list.toString());
    }

    @Test
    void listCountsOnlyConnectedProvidersInItsFooter() throws Exception {
        loginThenInvalidate();
        assertEquals(0, authsome.runWithInput(VaultCommandsIT.SECRET + "\n", "login", "openai").exitCode());
        Authsome.Run list = authsome.run("list");
        assertTrue(list.out().contains(" providers, 1 connected."), list.toString());
        assertTrue(list.out().contains("fake/default is invalid"), list.toString());
    }

    @Test
    void aStateChangeMovesUpdatedAtAndGetShowsTheFlowThatLoggedIn() throws Exception {
        loginThenInvalidate();
        JsonNode get = authsome.run("--json", "get", "fake").json();
        assertEquals("invalid", get.get("state").asText(), get.toString());
        assertEquals("pkce", get.get("flow").asText(), get.toString());
        Instant issued = Instant.parse(get.get("issued_at").asText());
        assertEquals(Instant.parse(get.get("created_at").asText()), issued, get.toString());
        assertTrue(Instant.parse(get.get("updated_at").asText()).isAfter(issued),
                "updated_at says when the state changed: " + get);
    }

    @Test
    void anApiKeyLoginShowsItsFlowToo() {
        assertEquals(0, authsome.runWithInput(VaultCommandsIT.SECRET + "\n", "login", "openai").exitCode());
        assertEquals("api_key", authsome.run("--json", "get", "openai").json().get("flow").asText());
    }

    @Test
    void getOfAnUnknownFieldWithShowSecretFailsBeforeAuditingARead() throws Exception {
        login();
        Authsome.Run nosuch = authsome.run("get", "fake", "--field", "nosuch", "--show-secret");
        assertEquals(64, nosuch.exitCode(), nosuch.toString());
        assertTrue(nosuch.err().contains("has no field nosuch"), nosuch.toString());
        assertEquals(List.of(), secretReads());
        assertEquals(0, authsome.run("get", "fake", "--field", "access_token", "--show-secret").exitCode());
        assertEquals(List.of("access_token"), secretReads());
    }

    private List<String> secretReads() {
        JsonNode events = authsome.run("--json", "log").json().get("events");
        return StreamSupport.stream(events.spliterator(), false)
                .filter(e -> e.get("event").asText().equals("get_secret"))
                .map(e -> e.get("field").asText()).toList();
    }

    @Test
    void everyJsonDocumentCarriesTheFormatVersion() throws Exception {
        login();
        List<List<String>> commands = List.of(List.of("list"), List.of("get", "fake"), List.of("inspect", "fake"),
                List.of("export", "fake"), List.of("log"), List.of("doctor"), List.of("whoami"),
                List.of("get", "nosuch"), List.of("get", "fake", "--field", "nosuch"));
        for (List<String> command : commands) {
            String[] args = new String[command.size() + 1];
            args[0] = "--json";
            for (int i = 0; i < command.size(); i++) {
                args[i + 1] = command.get(i);
            }
            Authsome.Run run = authsome.run(args);
            JsonNode json = run.json();
            assertEquals(1, json.path("v").asInt(), String.join(" ", command) + ": " + run);
            assertFalse(json.has("error") && json.get("exit_code").asInt() != run.exitCode(), run.toString());
        }
    }
}
