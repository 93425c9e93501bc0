package io.authsome.provider.googlesa.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.authsome.api.plugin.ConnectionFields;
import io.authsome.api.plugin.InvalidFieldException;
import io.authsome.api.plugin.MintContext;
import io.authsome.api.plugin.MintException;
import io.authsome.api.plugin.MintedToken;
import io.authsome.common.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The service-account minter against a fake Google token endpoint on loopback. */
class GoogleServiceAccountMinterTest {
    static final Instant NOW = Instant.parse("2026-12-02T22:00:00Z");
    static final String EMAIL = "robot@project.iam.gserviceaccount.com";
    static KeyPair keys;
    static String pem;

    HttpServer server;
    final ConcurrentLinkedQueue<Map<String, String>> forms = new ConcurrentLinkedQueue<>();
    volatile int status = 200;
    volatile String body = "{\"access_token\":\"ya29.minted\",\"expires_in\":3599,\"token_type\":\"Bearer\"}";
    final ByteArrayOutputStream trace = new ByteArrayOutputStream();
    final GoogleServiceAccountMinter minter = new GoogleServiceAccountMinter(Clock.fixed(NOW, ZoneOffset.UTC));

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
        pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(keys.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/token", exchange -> {
            Map<String, String> form = new LinkedHashMap<>();
            for (String pair : new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
                String[] nameValue = pair.split("=", 2);
                form.put(nameValue[0], URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8));
            }
            form.put("content-type", exchange.getRequestHeaders().getFirst("Content-Type"));
            forms.add(form);
            byte[] answer = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    String tokenUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
    }

    String keyFile(String type, String tokenUri) {
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("type", type);
        file.put("project_id", "project");
        file.put("private_key_id", "0123abcd");
        file.put("private_key", pem);
        file.put("client_email", EMAIL);
        file.put("client_id", "1234567890");
        file.put("token_uri", tokenUri);
        return Json.write(file);
    }

    ConnectionFields fields(String keyFile) {
        return ConnectionFields.of("google-sa/default", Map.of("key", keyFile));
    }

    MintContext context(List<String> scopes) {
        HttpClient http = HttpClient.newHttpClient();
        PrintStream out = new PrintStream(trace, true, StandardCharsets.UTF_8);
        return new MintContext() {
            public HttpClient http() {
                return http;
            }

            public Duration timeout() {
                return Duration.ofSeconds(5);
            }

            public List<String> scopes() {
                return scopes;
            }

            public Optional<String> baseUrl() {
                return Optional.empty();
            }

            public PrintStream trace() {
                return out;
            }
        };
    }

    @Test
    void exchangesASignedAssertionForAnAccessToken() throws Exception {
        MintedToken token = minter.mint(fields(keyFile("service_account", tokenUri())),
                context(List.of("https://www.googleapis.com/auth/devstorage.read_only", "openid")));

        assertEquals("ya29.minted", token.token().reveal());
        assertEquals(NOW.plusSeconds(3599), token.expiresAt());
        Map<String, String> form = forms.remove();
        assertEquals("application/x-www-form-urlencoded", form.get("content-type"));
        assertEquals("urn:ietf:params:oauth:grant-type:jwt-bearer", form.get("grant_type"));
        String[] parts = form.get("assertion").split("\\.");
        Base64.Decoder base64url = Base64.getUrlDecoder();
        assertEquals("{\"alg\":\"RS256\",\"typ\":\"JWT\"}", new String(base64url.decode(parts[0]), StandardCharsets.UTF_8));
        assertEquals(Map.of("iss", EMAIL, "sub", EMAIL, "aud", tokenUri(),
                        "scope", "https://www.googleapis.com/auth/devstorage.read_only openid",
                        "iat", NOW.getEpochSecond(), "exp", NOW.getEpochSecond() + 3600),
                Json.parseObject(base64url.decode(parts[1])));
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(keys.getPublic());
        verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(verifier.verify(base64url.decode(parts[2])));

        String traced = trace.toString(StandardCharsets.UTF_8);
        assertTrue(traced.contains("> POST " + tokenUri()), traced);
        assertTrue(traced.contains("assertion=[redacted]"), traced);
        assertTrue(traced.contains("\"access_token\":\"[redacted]\""), traced);
        assertFalse(traced.contains(parts[2]) || traced.contains(parts[1]), traced);
        assertFalse(traced.contains("ya29.minted"), traced);
    }

    @Test
    void asksForCloudPlatformWhenTheLoginNamedNoScope() throws Exception {
        minter.mint(fields(keyFile("service_account", tokenUri())), context(List.of()));
        String claims = new String(Base64.getUrlDecoder().decode(forms.remove().get("assertion").split("\\.")[1]),
                StandardCharsets.UTF_8);
        assertEquals("https://www.googleapis.com/auth/cloud-platform", Json.parseObject(claims.getBytes(
                StandardCharsets.UTF_8)).get("scope"));
    }

    @Test
    void invalidGrantAndUnauthorizedRejectTheKeyFileOtherErrorsDoNot() {
        status = 400;
        body = "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid JWT Signature.\"}";
        MintException grant = assertThrows(MintException.class,
                () -> minter.mint(fields(keyFile("service_account", tokenUri())), context(List.of())));
        assertTrue(grant.rejected());
        assertEquals("invalid_grant", grant.error());
        assertEquals(tokenUri() + " answered 400 invalid_grant: Invalid JWT Signature.", grant.getMessage());

        status = 401;
        body = "{\"error\":\"deleted_client\",\"error_description\":\"The OAuth client was deleted.\"}";
        assertTrue(assertThrows(MintException.class,
                () -> minter.mint(fields(keyFile("service_account", tokenUri())), context(List.of()))).rejected());

        status = 400;
        body = "{\"error\":\"invalid_request\"}";
        assertFalse(assertThrows(MintException.class,
                () -> minter.mint(fields(keyFile("service_account", tokenUri())), context(List.of()))).rejected());

        status = 503;
        body = "{\"error\":\"backend_error\"}";
        MintException unavailable = assertThrows(MintException.class,
                () -> minter.mint(fields(keyFile("service_account", tokenUri())), context(List.of())));
        assertFalse(unavailable.rejected());
        assertTrue(unavailable.getMessage().startsWith(tokenUri() + " answered 503"), unavailable.getMessage());

        status = 200;
        body = "{\"token_type\":\"Bearer\"}";
        assertEquals("no_token", assertThrows(MintException.class,
                () -> minter.mint(fields(keyFile("service_account", tokenUri())), context(List.of()))).error());
    }

    @Test
    void checkReturnsTheAccountOfAServiceAccountKey() throws Exception {
        assertEquals(Map.of("account", EMAIL), minter.check(fields(keyFile("service_account",
                "https://oauth2.googleapis.com/token"))));
        Map<String, Object> withoutUri = Json.parseObject(keyFile("service_account", "x").getBytes(StandardCharsets.UTF_8));
        withoutUri.remove("token_uri");
        assertEquals(Map.of("account", EMAIL), minter.check(fields(Json.write(withoutUri))));
        assertEquals("https://oauth2.googleapis.com/token", ServiceAccountKey.parse(Json.write(withoutUri)).tokenUri());
    }

    @Test
    void checkSaysWhatAnotherFileIs() {
        String person = "{\"type\": \"authorized_user\", \"client_id\": \"x.apps.googleusercontent.com\","
                + " \"client_secret\": \"d-FL95Q19q7MQmFpd7hHD0Ty\", \"refresh_token\": \"1//0secret-refresh\"}";
        assertRefused(person, "an authorized_user file", "gcloud auth application-default login", "Add key");
        assertRefused(keyFile("external_account", tokenUri()), "external_account", "not a service account key");
        assertRefused("{\"client_email\": \"a@b\"}", "no \"type\"");
        assertRefused("not json at all", "not a JSON key file");
        assertRefused(pem, "not a JSON key file");
        assertRefused(keyFile("service_account", tokenUri()).replace(EMAIL, ""), "no client_email");
        assertRefused(keyFile("service_account", "http://oauth2.example.com/token"), "must be an https URL");
        assertRefused(keyFile("service_account", tokenUri()).replace("PRIVATE KEY", "EC PRIVATE KEY"),
                "its private_key: an EC key");
    }

    private void assertRefused(String file, String... words) {
        InvalidFieldException refused = assertThrows(InvalidFieldException.class, () -> minter.check(fields(file)));
        assertEquals("key", refused.field());
        for (String word : words) {
            assertTrue(refused.getMessage().contains(word), refused.getMessage());
        }
        for (String secret : List.of("d-FL95Q19q7MQmFpd7hHD0Ty", "1//0secret-refresh",
                pem.substring(pem.indexOf('\n') + 1, pem.indexOf('\n') + 30))) {
            assertFalse(refused.getMessage().contains(secret), refused.getMessage());
        }
    }
}
