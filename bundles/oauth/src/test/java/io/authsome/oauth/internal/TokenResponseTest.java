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
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How a token endpoint's answer becomes a {@link TokenResponse}, and the request that asked for it. */
class TokenResponseTest {
    private HttpServer server;
    private final AtomicReference<String> answer = new AtomicReference<>();
    private final AtomicReference<Integer> status = new AtomicReference<>(200);
    private final AtomicReference<String> request = new AtomicReference<>();
    private final AtomicReference<String> authorization = new AtomicReference<>();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/token", exchange -> {
            request.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = answer.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
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
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
    }

    private static OAuthSettings settings(ClientAuthentication auth, String path) {
        return new OAuthSettings(null, "http://127.0.0.1/token", null, null, null, null, null, List.of(), true,
                Map.of(), auth, RevocationStyle.RFC7009, TokenRequestFormat.FORM, path);
    }

    private TokenResponse grant(String json) throws OAuthError {
        return grant(json, null, new OAuthClient("p", "the-client", null, Map.of(), Instant.now()),
                ClientAuthentication.CLIENT_SECRET_POST);
    }

    private TokenResponse grant(String json, String path, OAuthClient client, ClientAuthentication auth)
            throws OAuthError {
        answer.set(json);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", "c 1&2");
        return new TokenEndpoint(HttpClient.newHttpClient(), Duration.ofSeconds(5), null)
                .grant(url(), form, client, settings(auth, path));
    }

    @Test
    void everyFieldIsRead() throws Exception {
        TokenResponse tokens = grant("{\"access_token\":\"at\",\"refresh_token\":\"rt\",\"expires_in\":3600,"
                + "\"scope\":\"repo user\",\"token_type\":\"bearer\",\"email\":\"me@example.com\"}");
        assertEquals("at", tokens.accessToken().reveal());
        assertEquals("rt", tokens.refreshToken().reveal());
        assertEquals(3600L, tokens.expiresIn());
        assertEquals("repo user", tokens.scope());
        assertEquals("bearer", tokens.tokenType());
        assertEquals("me@example.com", tokens.account());
    }

    @Test
    void absentFieldsGetTheirDefaults() throws Exception {
        TokenResponse tokens = grant("{\"access_token\":\"at\"}");
        assertNull(tokens.refreshToken());
        assertNull(tokens.expiresIn());
        assertNull(tokens.scope());
        assertEquals("Bearer", tokens.tokenType());
        assertNull(tokens.account());
    }

    @Test
    void anExpiryGivenAsDigitsIsANumberAndAnythingElseIsMissing() throws Exception {
        assertEquals(7200L, grant("{\"access_token\":\"at\",\"expires_in\":\"7200\"}").expiresIn());
        assertEquals(59L, grant("{\"access_token\":\"at\",\"expires_in\":59.9}").expiresIn());
        assertNull(grant("{\"access_token\":\"at\",\"expires_in\":\"soon\"}").expiresIn());
        assertNull(grant("{\"access_token\":\"at\",\"expires_in\":\"-5\"}").expiresIn());
        assertNull(grant("{\"access_token\":\"at\",\"expires_in\":null}").expiresIn());
    }

    @Test
    void anEmptyRefreshTokenIsNone() throws Exception {
        assertNull(grant("{\"access_token\":\"at\",\"refresh_token\":\"\"}").refreshToken());
    }

    @Test
    void theAccountIsTheFirstOfAccountEmailLoginAndUserId() throws Exception {
        assertEquals("acct", grant("{\"access_token\":\"a\",\"user_id\":\"u\",\"login\":\"l\",\"email\":\"e\","
                + "\"account\":\"acct\"}").account());
        assertEquals("l", grant("{\"access_token\":\"a\",\"user_id\":\"u\",\"login\":\"l\"}").account());
        assertEquals("u", grant("{\"access_token\":\"a\",\"user_id\":\"u\",\"email\":\" \"}").account());
        assertNull(grant("{\"access_token\":\"a\",\"user_id\":42}").account());
    }

    @Test
    void aMissingOrEmptyAccessTokenIsATransientFailure() {
        for (String json : new String[] {"{}", "{\"access_token\":\"\"}", "{\"access_token\":17}"}) {
            OAuthError e = assertThrows(OAuthError.class, () -> grant(json), json);
            assertEquals(OAuthError.Kind.TRANSIENT, e.kind(), json);
            assertEquals("no_access_token", e.error(), json);
            assertEquals("the token endpoint " + url() + " answered without an access_token", e.getMessage());
        }
    }

    @Test
    void tokensUnderTheResponsePathWinAndTheTopLevelServesWhenThePathHasNone() throws Exception {
        String slack = "{\"ok\":true,\"access_token\":\"bot\",\"authed_user\":{\"access_token\":\"user\","
                + "\"refresh_token\":\"user-rt\"},\"login\":\"octo\"}";
        TokenResponse nested = grant(slack, "authed_user", null, ClientAuthentication.CLIENT_SECRET_POST);
        assertEquals("user", nested.accessToken().reveal());
        assertEquals("user-rt", nested.refreshToken().reveal());
        assertEquals("octo", nested.account(), "the account comes from the top level");

        TokenResponse top = grant("{\"access_token\":\"bot\",\"authed_user\":{\"id\":\"U1\"}}", "authed_user", null,
                ClientAuthentication.CLIENT_SECRET_POST);
        assertEquals("bot", top.accessToken().reveal());
    }

    @Test
    void aSuccessfulAnswerThatCarriesAnErrorIsThatError() {
        // GitHub's token endpoint answers 200 with an error object.
        OAuthError e = assertThrows(OAuthError.class, () -> grant("{\"error\":\"bad_verification_code\","
                + "\"error_description\":\"The code passed is incorrect\\u001b[2J or expired.\"}"));
        assertEquals(OAuthError.Kind.OTHER, e.kind());
        assertEquals("bad_verification_code", e.error());
        assertEquals(url() + " answered 200 bad_verification_code: The code passed is incorrect?[2J or expired.",
                e.getMessage());
    }

    @Test
    void anErrorWithoutAnOAuthCodeIsNamedByItsStatus() {
        status.set(403);
        OAuthError e = assertThrows(OAuthError.class, () -> grant("{\"message\":\"Forbidden\"}"));
        assertEquals("http_403", e.error());
        assertEquals(OAuthError.Kind.OTHER, e.kind());
        status.set(503);
        assertEquals(OAuthError.Kind.TRANSIENT, assertThrows(OAuthError.class,
                () -> grant("{\"error\":\"invalid_grant\"}")).kind(), "a 5xx is transient whatever it says");
    }

    @Test
    void aPublicClientSendsItsIdInTheFormAndTheFormIsEncoded() throws Exception {
        grant("{\"access_token\":\"at\"}");
        assertEquals("grant_type=authorization_code&code=c+1%262&client_id=the-client", request.get());
        assertNull(authorization.get());
    }

    @Test
    void aConfidentialClientWithBasicAuthenticationSendsNoSecretInTheForm() throws Exception {
        OAuthClient confidential = new OAuthClient("p", "id:1", Secret.of("s&cret"), Map.of(), Instant.now());
        grant("{\"access_token\":\"at\"}", null, confidential, ClientAuthentication.CLIENT_SECRET_BASIC);
        assertFalse(request.get().contains("client_secret") || request.get().contains("client_id"), request.get());
        String pair = new String(java.util.Base64.getDecoder().decode(authorization.get().substring("Basic ".length())),
                StandardCharsets.UTF_8);
        // RFC 6749 2.3.1: id and secret are form-encoded before they are joined.
        assertEquals("id%3A1:s%26cret", pair);
        assertEquals("id:1", URLDecoder.decode(pair.substring(0, pair.indexOf(':', 3)), StandardCharsets.UTF_8));
    }

    @Test
    void theRedactedFormNamesSecretFieldsOnly() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", "rt-secret");
        form.put("client_id", "cid");
        form.put("client_secret", "cs-secret");
        assertEquals("grant_type=refresh_token&refresh_token=[redacted]&client_id=cid&client_secret=[redacted]",
                TokenEndpoint.redacted(form));
        assertTrue(TokenEndpoint.SECRET_FIELDS.contains("code_verifier"));
    }
}
