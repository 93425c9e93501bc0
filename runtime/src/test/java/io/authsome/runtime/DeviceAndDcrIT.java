package io.authsome.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The device code flow (RFC 8628) and dynamic client registration (RFC 7591) against a loopback server. */
class DeviceAndDcrIT {
    @TempDir
    Path temp;
    Authsome authsome;
    FakeAuthorizationServer server;
    int port;

    @BeforeEach
    void setUp() throws Exception {
        server = new FakeAuthorizationServer();
        authsome = new Authsome(temp.resolve("home"));
        Files.createDirectories(authsome.home());
        port = FreePorts.loopback();
        Files.writeString(authsome.home().resolve("config.json"), "{\"callback\": {\"port\": " + port + "}}");
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private void register(String name, String flow, String extra) throws Exception {
        Path file = Files.writeString(temp.resolve(name + ".json"), "{\"name\": \"" + name + "\", \"auth_type\": \"oauth2\","
                + " \"flow\": \"" + flow + "\", \"api_url\": \"127.0.0.1:1\", \"oauth\": {\"authorization_url\": \""
                + server.url("/authorize") + "\", \"token_url\": \"" + server.url("/token") + "\"" + extra + "}}");
        assertEquals(0, authsome.run("register", file.toString()).exitCode());
    }

    @Test
    void deviceLoginShowsTheCodePollsAndHonoursSlowDown() throws Exception {
        register("dev", "device_code", ", \"device_authorization_url\": \"" + server.url("/device") + "\"");
        server.answerDevicePolls("authorization_pending", "slow_down", "authorization_pending");
        Authsome.Run run = authsome.runWithInput("\n", "login", "dev", "--client-id", "tv", "--no-browser");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.err().contains("WDJB-MJHT") && run.err().contains(server.url("/activate")), run.err());
        List<Long> polls = server.devicePolls();
        assertEquals(4, polls.size(), polls.toString());
        assertTrue(polls.get(2) - polls.get(1) >= 5500, "no slow down after slow_down: " + polls);
        assertEquals("connected", authsome.run("get", "dev", "--json").json().get("state").asText());
    }

    @Test
    void aDeniedDeviceLoginEndsWithExitTwo() throws Exception {
        register("dev", "device_code", ", \"device_authorization_url\": \"" + server.url("/device") + "\"");
        server.answerDevicePolls("access_denied");
        Authsome.Run run = authsome.runWithInput("\n", "login", "dev", "--client-id", "tv", "--no-browser");
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("access_denied"), run.err());
        assertEquals(3, authsome.run("get", "dev").exitCode());
    }

    @Test
    void dcrRegistersAClientOnceWithTheLoopbackRedirect() throws Exception {
        register("dcr", "dcr_pkce", ", \"registration_endpoint\": \"" + server.url("/register") + "\"");
        assertEquals(0, BrowserUser.login(authsome, server.url("/authorize"), "dcr").exitCode());
        assertEquals(1, server.registrations().size());
        assertTrue(server.registrations().get(0).contains("http://127.0.0.1:" + port + "/auth/callback/oauth"),
                server.registrations().get(0));
        assertEquals(0, BrowserUser.login(authsome, server.url("/authorize"), "dcr", "--force").exitCode());
        assertEquals(1, server.registrations().size(), "the registered client was not reused");
    }

    @Test
    void aProviderGivingOnlyItsIssuerIsLoggedInThroughDiscovery() throws Exception {
        Path file = Files.writeString(temp.resolve("disc.json"), "{\"name\": \"disc\", \"auth_type\": \"oauth2\","
                + " \"api_url\": \"127.0.0.1:2\", \"oauth\": {\"issuer\": \"" + server.url("") + "\"}}");
        assertEquals(0, authsome.run("register", file.toString()).exitCode());
        assertEquals(0, BrowserUser.login(authsome, server.url("/authorize"), "disc").exitCode());
        assertEquals("connected", authsome.run("get", "disc", "--json").json().get("state").asText());
        assertEquals(0, authsome.run("revoke", "disc").exitCode());
        assertEquals(List.of("refresh_token", "access_token"), server.revoked());
    }
}
