package io.authsome.oauth.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.authsome.api.provider.ClientAuthentication;
import io.authsome.api.provider.OAuthSettings;
import io.authsome.api.provider.RevocationStyle;
import io.authsome.api.provider.TokenRequestFormat;
import io.authsome.api.vault.OAuthClient;
import io.authsome.api.vault.Secret;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The token endpoint client against a real HTTP server on loopback. */
class TokenEndpointTest {
    private HttpServer server;
    private final AtomicReference<String> answer = new AtomicReference<>();
    private final AtomicReference<Integer> status = new AtomicReference<>(200);
    private final AtomicReference<String> contentType = new AtomicReference<>("application/json");
    private final AtomicReference<String> lastBody = new AtomicReference<>();
    private final AtomicReference<String> lastAuthorization = new AtomicReference<>();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/token", exchange -> {
            lastBody.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            lastAuthorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = answer.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType.get());
            exchange.sendResponseHeaders(status.get(), body.length == 0 ? -1 : body.length);
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

    private String url() {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort() + "/token";
    }

    private static OAuthSettings settings(ClientAuthentication auth, TokenRequestFormat format, String path) {
        return new OAuthSettings(null, "http://127.0.0.1/token", null, null, null, null, null, List.of(), true, Map.of(),
                auth, RevocationStyle.RFC7009, format, path);
    }

    private TokenEndpoint endpoint(PrintStream trace) {
        return new TokenEndpoint(HttpClient.newHttpClient(), Duration.ofSeconds(5), trace == null ? null : trace::println);
    }

    private final OAuthClient client = new OAuthClient("p", "id", Secret.of("client-secret-xyz"), Map.of(), Instant.now());

    @Test
    void aGrantIsParsedAndAMissingExpiryStaysMissing() throws Exception {
        answer.set("{\"access_token\":\"a1\",\"refresh_token\":\"r1\",\"scope\":\"read write\"}");
        TokenResponse tokens = endpoint(null).grant(url(), Map.of("grant_type", "x"), client,
                settings(ClientAuthentication.CLIENT_SECRET_POST, TokenRequestFormat.FORM, null));
        assertEquals("a1", tokens.accessToken().reveal());
        assertEquals("r1", tokens.refreshToken().reveal());
        assertNull(tokens.expiresIn());
        assertEquals("read write", tokens.scope());
        assertTrue(lastBody.get().contains("client_secret=client-secret-xyz"), lastBody.get());
    }

    @Test
    void basicAuthJsonBodiesAndNestedTokens() throws Exception {
        answer.set("{\"ok\":true,\"authed_user\":{\"access_token\":\"user-token\",\"expires_in\":60}}");
        TokenResponse tokens = endpoint(null).grant(url(), Map.of("grant_type", "x"), client,
                settings(ClientAuthentication.CLIENT_SECRET_BASIC, TokenRequestFormat.JSON, "authed_user"));
        assertEquals("user-token", tokens.accessToken().reveal());
        assertEquals(60L, tokens.expiresIn());
        assertTrue(lastAuthorization.get().startsWith("Basic "), String.valueOf(lastAuthorization.get()));
        assertTrue(lastBody.get().startsWith("{") && !lastBody.get().contains("client-secret-xyz"), lastBody.get());
    }

    @Test
    void failuresAreClassified() {
        OAuthSettings form = settings(ClientAuthentication.CLIENT_SECRET_POST, TokenRequestFormat.FORM, null);
        Object[][] cases = {
            {400, "application/json", "{\"error\":\"invalid_grant\"}", OAuthError.Kind.REJECTED_GRANT},
            {401, "application/json", "{\"error\":\"invalid_client\"}", OAuthError.Kind.REJECTED_CLIENT},
            {500, "application/json", "{\"error\":\"whatever\"}", OAuthError.Kind.TRANSIENT},
            {200, "text/html", "<html>login</html>", OAuthError.Kind.TRANSIENT},
            {401, "text/html", "<html>no</html>", OAuthError.Kind.OTHER},
        };
        for (Object[] c : cases) {
            status.set((Integer) c[0]);
            contentType.set((String) c[1]);
            answer.set((String) c[2]);
            OAuthError e = assertThrows(OAuthError.class, () -> endpoint(null).grant(url(), Map.of("grant_type", "x"),
                    client, form));
            assertEquals(c[3], e.kind(), c[2] + " -> " + e.getMessage());
            assertTrue(e.getMessage().contains(url()), e.getMessage());
        }
    }

    @Test
    void aRevocationAnswered200IsSuccessWhateverItsBodyAndAnythingElseIsNot() throws Exception {
        OAuthSettings form = settings(ClientAuthentication.CLIENT_SECRET_POST, TokenRequestFormat.FORM, null);
        Map<String, String> revoke = Map.of("token", "rt", "token_type_hint", "refresh_token");
        answer.set("{\"error\":\"invalid_token\",\"error_description\":\"Invalid token\"}");
        endpoint(null).revoke(url(), revoke, client, form);
        answer.set("");
        endpoint(null).revoke(url(), revoke, client, form);

        status.set(400);
        answer.set("{\"error\":\"unauthorized_client\"}");
        OAuthError refused = assertThrows(OAuthError.class, () -> endpoint(null).revoke(url(), revoke, client, form));
        assertEquals(OAuthError.Kind.REJECTED_CLIENT, refused.kind());
    }

    @Test
    void theTraceNamesRoundTripsWithoutSecrets() throws Exception {
        answer.set("{\"access_token\":\"a1\"}");
        ByteArrayOutputStream trace = new ByteArrayOutputStream();
        endpoint(new PrintStream(trace, true, StandardCharsets.UTF_8)).grant(url(),
                Map.of("grant_type", "refresh_token", "refresh_token", "refresh-secret-123"), client,
                settings(ClientAuthentication.CLIENT_SECRET_POST, TokenRequestFormat.FORM, null));
        String text = trace.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("> POST " + url()) && text.contains("< 200"), text);
        assertFalse(text.contains("refresh-secret-123") || text.contains("client-secret-xyz") || text.contains("a1\""), text);
    }
}
