package io.authsome.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recovery guide (docs/troubleshooting.md) walked in order, as a user does, against an
 * authorization server that is as strict as Keycloak and an API that answers 401 and 403 like a
 * real one, every request made by a command under {@code authsome run}. Each step runs the
 * command the previous message printed, and the next steps are checked word for word against
 * the error table of the command-line contract.
 */
class RecoveryGuideIT {
    private static final String REVOKE_THEN_LOGIN = "authsome revoke kc then authsome login kc";
    private static final String REMOVE_THEN_LOGIN = "authsome remove kc then authsome login kc";

    @TempDir
    Path temp;
    StrictAuthorizationServer server;
    RecoveryHome home;
    Authsome authsome;

    @BeforeEach
    void setUp() throws Exception {
        server = new StrictAuthorizationServer().client("cli", "cli-secret");
        home = RecoveryHome.create(temp, server);
        authsome = home.authsome;
        home.register("kc", "read");
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    void theRecoveryGuideWorksStepByStep() throws Exception {
        Authsome.Run first = home.loginWithClient("cli", "cli-secret", "kc");
        assertEquals(0, first.exitCode(), first.toString());
        assertEquals("connected", home.listed("kc").get("state").asText());
        assertEquals("200", RecoveryHome.status(home.throughProxy("/api/data")));

        // 1. The user revoked the app's access at the provider: the API answers 401, and so does the refresh.
        server.revokeAllGrants();
        Authsome.Run rejected = home.throughProxy("/api/data");
        assertEquals("401", RecoveryHome.status(rejected), rejected.toString());
        assertTrue(rejected.err().contains("kc/default was rejected by 127.0.0.1 (401) and could not be renewed: kc"
                + " rejected the refresh of connection default: " + server.url("/token") + " answered 400 invalid_grant:"
                + " Token is not active; next: " + REVOKE_THEN_LOGIN), rejected.err());
        assertTrue(authsome.run("list").out().contains("kc/default is invalid: " + REVOKE_THEN_LOGIN));
        JsonNode invalid = home.get("kc");
        assertEquals("invalid", invalid.get("state").asText());
        assertEquals("invalid_grant", invalid.get("last_error").asText());
        assertEquals(REVOKE_THEN_LOGIN, invalid.get("next_step").asText());
        assertError(authsome.run("export", "kc", "--json"), 5, "connection kc/default is invalid: kc rejected it"
                + " (invalid_grant)", REVOKE_THEN_LOGIN);

        // 2. The fix: revoke, then log in, which asks for nothing but consent (the client stays).
        runNextStep(REVOKE_THEN_LOGIN);
        assertEquals("connected", home.listed("kc").get("state").asText());
        assertEquals("200", RecoveryHome.status(home.throughProxy("/api/data")));

        // 3. A request needs a scope the connection lacks: 403, and the login that asks for every scope needed.
        Authsome.Run forbidden = home.throughProxy("/api/data?scope=write");
        assertEquals("403", RecoveryHome.status(forbidden), forbidden.toString());
        String scopeFix = "authsome login kc --scopes read,write";
        assertTrue(forbidden.err().contains("kc/default lacks scopes write for "), forbidden.err());
        assertTrue(forbidden.err().contains("(403; granted: read); next: " + scopeFix), forbidden.err());
        runNextStep(scopeFix);
        assertEquals("read write", home.get("kc").get("scopes").asText());
        assertEquals("200", RecoveryHome.status(home.throughProxy("/api/data?scope=write")));

        // 4. The OAuth client is deleted at the provider: the refresh is refused as invalid_client.
        server.deleteClient("cli");
        Authsome.Run clientGone = home.throughProxy("/api/data");
        assertEquals("401", RecoveryHome.status(clientGone), clientGone.toString());
        assertTrue(clientGone.err().contains("kc/default was rejected by 127.0.0.1 (401) and could not be renewed: kc"
                + " rejected the OAuth client cli at the refresh of connection default: " + server.url("/token")
                + " answered 401 invalid_client: Invalid client or Invalid client credentials; next: "
                + REMOVE_THEN_LOGIN), clientGone.err());
        assertTrue(authsome.run("list").out().contains("kc/default is invalid: " + REMOVE_THEN_LOGIN));
        assertEquals(REMOVE_THEN_LOGIN, home.get("kc").get("next_step").asText());
        assertError(authsome.run("export", "kc", "--json"), 5, "connection kc/default is invalid: kc rejected its"
                + " OAuth client cli (invalid_client)", REMOVE_THEN_LOGIN);
        assertTrue(home.throughProxy("/api/data").err().contains("next: " + REMOVE_THEN_LOGIN));

        // 5. The fix: remove, then log in with the new client's values, typed in (no --force, no re-register).
        Authsome.Run remove = authsome.run("remove", "kc");
        assertEquals(0, remove.exitCode(), remove.toString());
        server.client("cli2", "cli2-secret");
        Authsome.Run login = authsome.runWithInput("cli2\ncli2-secret\n", "login", "kc", "--timeout", "30");
        assertEquals(0, login.exitCode(), login.toString());
        Authsome.Run works = home.throughProxy("/api/data");
        assertEquals("200", RecoveryHome.status(works), works.toString());
        assertTrue(works.out().contains("\"client\":\"cli2\""), works.out());

        // 6. Not connected.
        assertEquals(0, authsome.run("logout", "kc").exitCode());
        Authsome.Run notConnected = authsome.run("export", "kc", "--json");
        assertEquals(3, notConnected.exitCode(), notConnected.toString());
        assertTrue(notConnected.json().get("message").asText().startsWith("kc is not connected in profile default"
                + " (state: "), notConnected.out());
        assertEquals("authsome login kc", notConnected.json().get("next_step").asText());
        runNextStep("authsome login kc");
        assertEquals("200", RecoveryHome.status(home.throughProxy("/api/data")));
    }

    /** Runs a printed next step ({@code authsome A then authsome B}) as the user types it; each part must succeed. */
    private void runNextStep(String next) {
        for (String command : next.split(" then ")) {
            List<String> words = new ArrayList<>(Arrays.asList(command.split(" ")));
            assertEquals("authsome", words.remove(0), next);
            if (words.get(0).equals("login")) {
                words.addAll(List.of("--timeout", "30"));
            }
            Authsome.Run run = authsome.runWithInput(null, words.toArray(String[]::new));
            assertEquals(0, run.exitCode(), command + ": " + run);
        }
    }

    private static void assertError(Authsome.Run run, int exitCode, String message, String nextStep) {
        assertEquals(exitCode, run.exitCode(), run.toString());
        JsonNode error = run.json();
        assertEquals(message, error.get("message").asText(), run.out());
        assertEquals(nextStep, error.get("next_step").asText(), run.out());
    }
}
