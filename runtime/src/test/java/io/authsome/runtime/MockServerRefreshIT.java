package io.authsome.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.RecordedRequest;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Refresh and revocation against mock-oauth2-server, an authorization server this project does
 * not write: a short-lived token is refreshed with the refresh token it issued, and revoke calls
 * the server's revocation endpoint from its discovery document.
 */
class MockServerRefreshIT {
    private static final String ISSUER = "default";

    @TempDir
    Path temp;
    MockOAuth2Server server;
    Authsome authsome;

    @BeforeEach
    void setUp() throws Exception {
        server = new MockOAuth2Server();
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        authsome = new Authsome(temp.resolve("home"));
        Files.createDirectories(authsome.home());
        int port;
        port = FreePorts.loopback();
        Files.writeString(authsome.home().resolve("config.json"), "{\"callback\": {\"port\": " + port + "}}");
        String metadata = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(server.wellKnownUrl(ISSUER).toString())).build(), HttpResponse.BodyHandlers.ofString()).body();
        String revocation = new ObjectMapper().readTree(metadata).path("revocation_endpoint").asText();
        Path provider = Files.writeString(temp.resolve("mockrt.json"), "{\"name\": \"mockrt\", \"auth_type\": \"oauth2\","
                + " \"api_url\": \"127.0.0.1:3\", \"oauth\": {\"authorization_url\": \"" + server.authorizationEndpointUrl(ISSUER)
                + "\", \"token_url\": \"" + server.tokenEndpointUrl(ISSUER) + "\", \"revocation_url\": \"" + revocation
                + "\", \"scopes\": [\"openid\", \"offline_access\"]}}");
        assertEquals(0, authsome.run("register", provider.toString()).exitCode());
        server.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER, "alice", "JWT", List.of("api"), Map.of(), 3));
        assertEquals(0, BrowserUser.login(authsome, server.authorizationEndpointUrl(ISSUER).toString(), "mockrt")
                .exitCode());
    }

    @AfterEach
    void tearDown() {
        server.shutdown();
    }

    @Test
    void aShortLivedTokenIsRefreshedWithTheIssuedRefreshToken() throws Exception {
        String first = authsome.run("get", "mockrt", "--field", "access_token", "--show-secret").out().strip();
        String refreshToken = authsome.run("get", "mockrt", "--field", "refresh_token", "--show-secret").out().strip();
        Thread.sleep(2000);
        Authsome.Run second = authsome.run("--verbose", "get", "mockrt", "--field", "access_token", "--show-secret");
        assertEquals(0, second.exitCode(), second.toString());
        assertNotEquals(first, second.out().strip());
        assertTrue(second.err().contains("> POST " + server.tokenEndpointUrl(ISSUER)), "--verbose traces the refresh: " + second);
        assertTrue(second.err().contains("grant_type=refresh_token"), second.err());
        assertFalse(second.err().contains(refreshToken) || second.err().contains(second.out().strip()),
                "the trace shows a token: " + second.err());
        assertTrue(sawRequest("grant_type=refresh_token"), "the server saw no refresh_token grant");
        assertEquals("connected", authsome.run("get", "mockrt", "--json").json().get("state").asText());
    }

    @Test
    void revokeReachesTheRevocationEndpoint() throws Exception {
        Authsome.Run run = authsome.run("revoke", "mockrt");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(sawRequest("token_type_hint=refresh_token"), "the server saw no revocation");
        assertEquals(3, authsome.run("get", "mockrt").exitCode());
    }

    private boolean sawRequest(String bodyPart) throws InterruptedException {
        for (RecordedRequest request = server.takeRequest(2, TimeUnit.SECONDS); request != null;
             request = server.takeRequest(2, TimeUnit.SECONDS)) {
            if (request.getBody().readUtf8().contains(bodyPart)) {
                return true;
            }
        }
        return false;
    }
}
