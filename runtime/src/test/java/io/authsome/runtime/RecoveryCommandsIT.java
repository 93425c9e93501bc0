package io.authsome.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recovery commands through the built {@code bin/authsome} against a strict authorization
 * server on loopback: what {@code remove}, {@code unregister}, {@code revoke} and
 * {@code login --scopes} do to connections, clients and definitions, which client refreshes and
 * revokes a connection, and the one next step every command names for a rejected client.
 */
class RecoveryCommandsIT {
    @TempDir
    java.nio.file.Path temp;
    StrictAuthorizationServer server;
    RecoveryHome home;
    Authsome authsome;

    @BeforeEach
    void setUp() throws Exception {
        server = new StrictAuthorizationServer().client("cli", "cli-secret").client("other", "other-secret");
        home = RecoveryHome.create(temp, server);
        authsome = home.authsome;
        home.register("kc", "read");
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    void removeDeletesThisProfilesConnectionsAndClientButKeepsACustomDefinitionSoLoginStartsAfresh() throws Exception {
        assertEquals(0, home.loginWithClient("cli", "cli-secret", "kc").exitCode());
        assertEquals(0, authsome.run("profile", "create", "work").exitCode());
        assertEquals(0, home.loginWithClient("cli", "cli-secret", "kc", "--profile", "work").exitCode());
        String token = home.secret("kc", "access_token");

        Authsome.Run remove = authsome.run("remove", "kc", "--json");
        assertEquals(0, remove.exitCode(), remove.toString());
        JsonNode result = remove.json();
        assertEquals(List.of("default"), List.of(result.get("connections_removed").get(0).asText()), result.toString());
        assertTrue(result.get("client_removed").asBoolean(), result.toString());
        assertFalse(server.live(token), "remove did not revoke the tokens at the provider");
        assertEquals(0, authsome.run("inspect", "kc").exitCode(), "remove took the custom definition away");
        assertTrue(Files.exists(authsome.home().resolve("providers/kc.json")));
        assertEquals("available", home.listed("kc").get("state").asText());
        assertEquals("connected", home.get("kc", "--profile", "work").get("state").asText(),
                "remove reached into another profile");

        // The definition and nothing else is left: the login asks for the client again, with no --force.
        Authsome.Run noClient = home.login("kc");
        assertEquals(2, noClient.exitCode(), "the removed client was still used: " + noClient);
        Authsome.Run fresh = home.loginWithClient("other", "other-secret", "kc");
        assertEquals(0, fresh.exitCode(), fresh.toString());
        assertEquals("other", home.get("kc").get("client_id").asText());
    }

    @Test
    void unregisterIsRefusedWhileAProfileHoldsConnectionsAndForceRemovesThemEverywhereFirst() throws Exception {
        assertEquals(0, home.loginWithClient("cli", "cli-secret", "kc").exitCode());
        assertEquals(0, authsome.run("profile", "create", "work").exitCode());
        assertEquals(0, home.loginWithClient("cli", "cli-secret", "kc", "--profile", "work").exitCode());
        String defaultToken = home.secret("kc", "access_token");
        String workToken = home.secret("kc", "access_token", "--profile", "work");

        Authsome.Run refused = authsome.run("unregister", "kc", "--json");
        assertEquals(4, refused.exitCode(), refused.toString());
        JsonNode error = refused.json();
        assertEquals("NOT_ALLOWED", error.get("error").asText());
        assertEquals("provider 'kc' still has connections: profile default (default), profile work (default)",
                error.get("message").asText());
        assertEquals("authsome unregister kc --force to revoke and remove them first", error.get("next_step").asText());
        assertEquals(0, authsome.run("inspect", "kc").exitCode(), "a refused unregister deleted the definition");
        assertTrue(server.live(defaultToken) && server.live(workToken), "a refused unregister revoked tokens");

        Authsome.Run forced = authsome.run("unregister", "kc", "--force", "--json");
        assertEquals(0, forced.exitCode(), forced.toString());
        assertFalse(server.live(defaultToken) || server.live(workToken), "unregister --force left tokens valid");
        assertFalse(Files.exists(authsome.home().resolve("providers/kc.json")));
        assertEquals(4, authsome.run("inspect", "kc").exitCode());
        assertEquals(2, home.audited("remove").size(), "one remove per profile");
        home.register("kc", "read");
        assertEquals(3, authsome.run("get", "kc", "--profile", "work").exitCode(),
                "a connection of the unregistered provider was left in profile work");

        Authsome.Run bundled = authsome.run("unregister", "github");
        assertEquals(4, bundled.exitCode(), bundled.toString());
        assertTrue(bundled.err().contains("provider 'github' is bundled, not custom"), bundled.err());
    }

    @Test
    void revokeKeepsTheOAuthClientSoTheNextLoginAsksOnlyForConsent() throws Exception {
        assertEquals(0, home.loginWithClient("cli", "cli-secret", "kc").exitCode());
        Authsome.Run revoke = authsome.run("revoke", "kc");
        assertEquals(0, revoke.exitCode(), revoke.toString());
        assertEquals("configured", home.listed("kc").get("state").asText(), "the client went with the connection");

        // Nothing on stdin, no --client-id, no secret in the environment: only the stored client can log in.
        Authsome.Run login = home.login("kc");
        assertEquals(0, login.exitCode(), login.toString());
        assertEquals("cli", home.get("kc").get("client_id").asText());
    }

    @Test
    void loginWithScopesTheConnectionLacksUpgradesItWithoutForceThenRevokesTheOldTokens() throws Exception {
        assertEquals(0, home.loginWithClient("cli", "cli-secret", "kc").exitCode());
        String old = home.secret("kc", "access_token");

        Authsome.Run same = home.login("kc", "--scopes", "read");
        assertEquals(6, same.exitCode(), "scopes it holds are no upgrade: " + same);
        assertTrue(same.err().contains("next:  authsome login kc --scopes read --force to replace it"),
                "the hint dropped --scopes: " + same.err());

        Authsome.Run upgrade = home.login("kc", "--scopes", "read,write");
        assertEquals(0, upgrade.exitCode(), upgrade.toString());
        assertEquals("read write", home.get("kc").get("scopes").asText());
        assertFalse(server.live(old), "the replaced tokens were not revoked");
        String fresh = home.secret("kc", "access_token");
        assertNotEquals(old, fresh);
        assertTrue(server.live(fresh));
        assertEquals("200", RecoveryHome.status(home.throughProxy("/api/data?scope=write")));
        List<JsonNode> logins = home.audited("login");
        JsonNode login = logins.get(logins.size() - 1);
        assertEquals("write", login.path("scope_upgrade").asText(), login.toString());
    }

    @Test
    void eachConnectionRefreshesAndRevokesWithTheClientThatObtainedIt() throws Exception {
        server.accessLifetime(2);
        assertEquals(0, home.loginWithClient("cli", "cli-secret", "kc").exitCode());
        server.accessLifetime(3600);
        Authsome.Run device = home.loginWithClient("other", "other-secret", "kc", "--connection", "dev",
                "--flow", "device_code");
        assertEquals(0, device.exitCode(), device.toString());
        assertEquals("cli", home.get("kc").get("client_id").asText());
        assertEquals("other", home.get("kc", "--connection", "dev").get("client_id").asText());

        Thread.sleep(2100); // past the expiry of default's access token
        Authsome.Run refreshed = authsome.run("get", "kc", "--field", "access_token", "--show-secret");
        assertEquals(0, refreshed.exitCode(), refreshed.toString());
        StrictAuthorizationServer.TokenRequest refresh = server.tokenRequests().get(server.tokenRequests().size() - 1);
        assertEquals(new StrictAuthorizationServer.TokenRequest("refresh_token", "cli", 200), refresh);
        assertEquals("connected", home.get("kc").get("state").asText());

        Authsome.Run revoke = authsome.run("revoke", "kc", "--connection", "default");
        assertEquals(0, revoke.exitCode(), revoke.toString());
        assertFalse(revoke.err().contains("warning"), revoke.err());
        assertTrue(server.revocations().stream().allMatch(r -> r.clientId().equals("cli")), server.revocations().toString());
        assertEquals("connected", home.get("kc", "--connection", "dev").get("state").asText());
    }

    @Test
    void aRevocationAnswered200WithAnErrorBodyIsSuccess() throws Exception {
        assertEquals(0, home.loginWithClient("cli", "cli-secret", "kc").exitCode());
        Authsome.Run revoke = authsome.run("revoke", "kc", "--json");
        assertEquals(0, revoke.exitCode(), revoke.toString());
        // The refresh token's revocation ends the grant, so the server answers the access token's with an error body.
        assertEquals(List.of(200, 200), server.revocations().stream().map(StrictAuthorizationServer.Revocation::status)
                .toList());
        assertTrue(server.revocations().get(1).body().contains("invalid_token"), server.revocations().toString());
        assertEquals(0, revoke.json().get("warnings").size(), revoke.out());
        assertFalse(revoke.err().contains("could not revoke"), revoke.err());
        assertEquals("success", home.audited("revoke").get(0).path("outcome").asText());
    }

    @Test
    void aRejectedClientGetsTheSameNextStepFromEveryCommand() throws Exception {
        server.accessLifetime(2);
        assertEquals(0, home.loginWithClient("cli", "cli-secret", "kc").exitCode());
        server.deleteClient("cli");
        Thread.sleep(2100); // past the expiry, so the next use refreshes, as the deleted client
        String next = "authsome remove kc then authsome login kc";

        Authsome.Run export = authsome.run("export", "kc", "--json");
        assertEquals(5, export.exitCode(), export.toString());
        assertEquals(next, export.json().get("next_step").asText());
        assertTrue(export.json().get("message").asText().contains("the OAuth client cli"), export.out());
        Authsome.Run again = authsome.run("export", "kc", "--json");
        assertEquals(next, again.json().get("next_step").asText(), "the invalid connection's next step differs");
        assertEquals(next, home.get("kc").get("next_step").asText());
        assertEquals(next, home.listed("kc").get("connections").get(0).get("next_step").asText());
        assertTrue(authsome.run("list").out().contains("kc/default is invalid: " + next));
        Authsome.Run proxied = home.throughProxy("/api/data");
        assertTrue(proxied.err().contains("next: " + next), proxied.err());
    }
}
