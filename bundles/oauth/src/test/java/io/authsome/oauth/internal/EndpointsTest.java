package io.authsome.oauth.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import io.authsome.api.provider.ClientAuthentication;
import io.authsome.api.provider.OAuthSettings;
import io.authsome.api.provider.RevocationStyle;
import io.authsome.api.provider.TokenRequestFormat;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A provider's endpoints: configured URLs with {base_url} filled in, or its issuer's discovery document. */
class EndpointsTest {
    private HttpServer server;
    /** Discovery documents by path; a path without one answers 404. */
    private final Map<String, String> documents = new ConcurrentHashMap<>();
    private final List<String> asked = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            asked.add(path);
            String document = documents.get(path);
            byte[] body = (document == null ? "{\"error\":\"not_found\"}" : document).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(document == null ? 404 : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/realm";
    }

    private static OAuthSettings settings(String authorization, String token, String revocation, String issuer,
                                          String baseUrl) {
        return new OAuthSettings(authorization, token, revocation, null, null, issuer, baseUrl, List.of(), true,
                Map.of(), ClientAuthentication.CLIENT_SECRET_POST, RevocationStyle.RFC7009, TokenRequestFormat.FORM,
                null);
    }

    private static TokenEndpoint http() {
        return new TokenEndpoint(HttpClient.newHttpClient(), Duration.ofSeconds(5), null);
    }

    @Test
    void configuredUrlsGetTheConnectionsBaseUrlOrTheProvidersDefault() throws Exception {
        OAuthSettings github = settings("{base_url}/login/oauth/authorize", "{base_url}/login/oauth/access_token",
                null, null, "https://github.com");
        Endpoints standard = Endpoints.resolve(github, null, null);
        assertEquals(new Endpoints("https://github.com/login/oauth/authorize",
                "https://github.com/login/oauth/access_token", null, null, null), standard);

        Endpoints enterprise = Endpoints.resolve(github, "https://ghe.example.com/", null);
        assertEquals("https://ghe.example.com/login/oauth/authorize", enterprise.authorization());
        assertEquals("https://ghe.example.com/login/oauth/access_token", enterprise.token());
    }

    @Test
    void withoutAnIssuerNothingIsFetched() throws Exception {
        Endpoints.resolve(settings("https://a/authorize", "https://a/token", "https://a/revoke", null, null), null, http());
        assertEquals(List.of(), asked);
    }

    @Test
    void theIssuersRfc8414DocumentGivesWhatIsNotConfigured() throws Exception {
        documents.put("/realm/.well-known/oauth-authorization-server", "{\"authorization_endpoint\":\"https://i/auth\","
                + "\"token_endpoint\":\"https://i/token\",\"device_authorization_endpoint\":\"https://i/device\","
                + "\"registration_endpoint\":\"https://i/register\",\"revocation_endpoint\":42}");
        Endpoints endpoints = Endpoints.resolve(settings(null, "https://configured/token", null, issuer() + "/", null),
                null, http());
        assertEquals("https://i/auth", endpoints.authorization());
        assertEquals("https://configured/token", endpoints.token(), "a configured URL wins");
        assertEquals("https://i/device", endpoints.deviceAuthorization());
        assertEquals("https://i/register", endpoints.registration());
        assertNull(endpoints.revocation(), "a value that is not a string is no URL");
        assertEquals(List.of("/realm/.well-known/oauth-authorization-server"), asked);
    }

    @Test
    void openIdDiscoveryIsTriedWhenThereIsNoRfc8414Document() throws Exception {
        documents.put("/realm/.well-known/openid-configuration", "{\"authorization_endpoint\":\"https://o/auth\","
                + "\"token_endpoint\":\"https://o/token\"}");
        Endpoints endpoints = Endpoints.resolve(settings(null, null, null, issuer(), null), null, http());
        assertEquals("https://o/auth", endpoints.authorization());
        assertEquals("https://o/token", endpoints.token());
        assertEquals(List.of("/realm/.well-known/oauth-authorization-server", "/realm/.well-known/openid-configuration"),
                asked);
    }

    @Test
    void anIssuerWithoutEitherDocumentFailsWithTheLastAnswer() {
        OAuthError e = assertThrows(OAuthError.class,
                () -> Endpoints.resolve(settings(null, null, null, issuer(), null), null, http()));
        assertEquals("not_found", e.error());
        assertEquals(issuer() + "/.well-known/openid-configuration answered 404 not_found", e.getMessage());
    }
}
