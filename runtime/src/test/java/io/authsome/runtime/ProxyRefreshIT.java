package io.authsome.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
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
 * The proxy's 401 path against mock-oauth2-server, the real OAuth server of the OAuth tests: the
 * API rejects the first access token, the proxy refreshes it with the refresh token that server
 * issued, and the retried request succeeds. The provider's own OAuth endpoint on the API host
 * never gets a credential.
 */
class ProxyRefreshIT {
    private static final String ISSUER = "default";

    @TempDir
    Path temp;
    MockOAuth2Server server;
    ApiServer api;
    Authsome authsome;

    @BeforeEach
    void setUp() throws Exception {
        server = new MockOAuth2Server();
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        TestCa ca = TestCa.create(List.of(RunProxyIT.API));
        api = ApiServer.start(ca.serverContext());
        int callbackPort;
        callbackPort = FreePorts.loopback();
        authsome = RunProxyIT.home(temp.resolve("home"), ca, "\"resolve\": {\"" + RunProxyIT.API + "\": \"127.0.0.1\"}",
                "\"callback\": {\"port\": " + callbackPort + "}");
        Path provider = Files.writeString(temp.resolve("mockapi.json"), "{\"name\": \"mockapi\", \"auth_type\": \"oauth2\","
                + " \"api_url\": [\"" + RunProxyIT.API + "\", \"" + userinfo() + "\"], \"oauth\": {\"authorization_url\": \""
                + server.authorizationEndpointUrl(ISSUER) + "\", \"token_url\": \"" + server.tokenEndpointUrl(ISSUER)
                + "\", \"device_authorization_url\": \"https://" + RunProxyIT.API + ":" + api.port() + "/oauth/device\","
                + " \"scopes\": [\"openid\", \"offline_access\"]}}");
        assertEquals(0, authsome.run("register", provider.toString()).exitCode());
        server.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER, "alice", "JWT", List.of("api"), Map.of(), 3600));
        assertEquals(0, BrowserUser.login(authsome, server.authorizationEndpointUrl(ISSUER).toString(), "mockapi")
                .exitCode());
    }

    @AfterEach
    void tearDown() throws Exception {
        server.shutdown();
        api.close();
    }

    @Test
    void aRejectedTokenIsRefreshedAndTheRequestRetriedOnceAndOAuthEndpointsGetNone() throws Exception {
        String before = authsome.run("get", "mockapi", "--field", "access_token", "--show-secret").out().strip();
        String base = "https://" + RunProxyIT.API + ":" + api.port();
        Authsome.Run run = authsome.run("run", "--", "sh", "-c", "curl -sS -w '\\n%{http_code}\\n' '" + base
                + "/protected'; curl -sS '" + base + "/oauth/device'");
        assertEquals(0, run.exitCode(), run.toString());
        String[] out = run.out().strip().split("\n");
        JsonNode retried = RunProxyIT.JSON.readTree(out[0]);
        assertEquals("200", out[1], run.toString());
        String sent = retried.path("headers").path("authorization").asText();
        assertTrue(sent.startsWith("Bearer "), run.toString());
        assertNotEquals("Bearer " + before, sent, "the retry carries the refreshed token");
        assertTrue(RunProxyIT.JSON.readTree(out[2]).path("headers").path("authorization").isMissingNode(),
                "the OAuth endpoint got a credential: " + run);
        assertTrue(sawRefreshGrant(), "mock-oauth2-server saw no refresh_token grant");

        String after = authsome.run("get", "mockapi", "--field", "access_token", "--show-secret").out().strip();
        assertEquals("Bearer " + after, sent, "the refreshed token was stored for the next users");
        List<JsonNode> events = RunProxyIT.proxyRequests(authsome, 2);
        assertTrue(events.get(0).path("retried_after_401").asBoolean(), events.toString());
        assertEquals(200, events.get(0).path("status").asInt());
        assertEquals("passed", events.get(1).path("mode").asText());
        String audit = Files.readString(authsome.home().resolve("audit.log"));
        assertFalse(audit.contains(before) || audit.contains(after), "a token reached the audit log");
    }

    @Test
    void aStreamedRequestGets401ButTheNextOneTheRenewedToken() throws Exception {
        Path upload = Files.write(temp.resolve("upload.bin"), new byte[100 * 1024]);
        String url = "https://" + RunProxyIT.API + ":" + api.port() + "/protected";
        Authsome.Run run = authsome.run("run", "--", "sh", "-c", "curl -sS -o /dev/null -w '%{http_code}\\n'"
                + " --data-binary @" + upload + " " + url + "; curl -sS -o /dev/null -w '%{http_code}\\n' " + url);
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(List.of("401", "200"), List.of(run.out().strip().split("\n")), run.toString());
        assertTrue(run.err().contains("mockapi/default was rejected by " + RunProxyIT.API), run.err());
        assertEquals(1, refreshGrants(), "one refresh for both requests");
    }

    @Test
    void a403ForMissingScopesNamesThemAndTheLoginThatAsksForThem() throws Exception {
        Authsome.Run run = authsome.run("run", "--", "curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}",
                "https://" + RunProxyIT.API + ":" + api.port() + "/scoped");
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals("403", run.out().strip(), "the 403 reaches the command as it is");
        assertTrue(run.err().contains("lacks scopes repo admin:org"), run.err());
        assertTrue(run.err().contains("next: authsome login mockapi --scopes ")
                && run.err().contains(",repo,admin:org\n"), "the login keeps the granted scopes, without --force: "
                + run.err());
        assertEquals("repo admin:org", RunProxyIT.proxyRequests(authsome, 1).get(0).path("insufficient_scope").asText());
    }

    /** mock-oauth2-server's userinfo endpoint: plain HTTP on loopback, so a route may name it. */
    private String userinfo() {
        return server.userInfoUrl(ISSUER).toString();
    }

    @Test
    void plainHttpRequestsToALoopbackRouteAreProxiedWithTheCredential() throws Exception {
        // Loopback is in NO_PROXY, so curl is told to use the proxy anyway; userinfo answers 200 only to a valid token.
        Authsome.Run run = authsome.run("run", "--", "sh", "-c", "curl -sS --noproxy '' -x \"$HTTP_PROXY\""
                + " -w '\\n%{http_code}' " + userinfo());
        assertEquals(0, run.exitCode(), run.toString());
        String[] out = run.out().strip().split("\n");
        assertEquals("200", out[out.length - 1], run.toString());
        assertTrue(run.out().contains("\"sub\" : \"alice\""), run.toString());
        JsonNode event = RunProxyIT.proxyRequests(authsome, 1).get(0);
        assertEquals("injected", event.path("mode").asText(), event.toString());
    }

    private boolean sawRefreshGrant() {
        return refreshGrants() > 0;
    }

    /** The refresh_token grants among the requests mock-oauth2-server received since the last call. */
    private int refreshGrants() {
        int grants = 0;
        while (true) {
            RecordedRequest request;
            try {
                request = server.takeRequest(2, TimeUnit.SECONDS);
            } catch (RuntimeException e) {
                return grants; // mock-oauth2-server throws when no request came within the timeout
            }
            if (request == null) {
                return grants;
            }
            if (request.getBody().readUtf8().contains("grant_type=refresh_token")) {
                grants++;
            }
        }
    }
}
