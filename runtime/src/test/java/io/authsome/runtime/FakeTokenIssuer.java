package io.authsome.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The issuers the token minters call, on loopback over HTTPS with a certificate of the tests' own
 * CA for {@code localhost}: GitHub's installation access-token endpoint (under {@code /api/v3}, as
 * GitHub Enterprise Server serves it) and Google's OAuth token endpoint for JWT bearer assertions.
 * Each request's JWT is verified as the real issuer would: RS256 header, signature by the
 * registered public key, the claims, the expiry. A request that passes is a mint, counted, and
 * answered a numbered token that expires after {@link #lifetime(long)} seconds; one that fails is
 * refused (401) and its reason kept in {@link #problems()}, which a test expects empty.
 */
final class FakeTokenIssuer implements AutoCloseable {
    static final String APP_ID = "123456";
    static final String INSTALLATION_ID = "4242";
    static final String SERVICE_ACCOUNT = "robot@authsome-test.iam.gserviceaccount.com";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpsServer server;
    private final PublicKey publicKey;
    private final AtomicInteger mints = new AtomicInteger();
    private final List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
    private final List<String> jwts = java.util.Collections.synchronizedList(new ArrayList<>());
    private final List<String> tokens = java.util.Collections.synchronizedList(new ArrayList<>());
    private volatile long lifetimeSeconds = 3600;
    private volatile String expectedScope;
    private volatile boolean revoked;

    private FakeTokenIssuer(HttpsServer server, PublicKey publicKey) {
        this.server = server;
        this.publicKey = publicKey;
    }

    /** Starts the issuer, verifying JWTs with {@code publicKey}. */
    static FakeTokenIssuer start(TestCa ca, PublicKey publicKey) throws IOException {
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(ca.serverContext()));
        server.setExecutor(Executors.newCachedThreadPool());
        FakeTokenIssuer issuer = new FakeTokenIssuer(server, publicKey);
        server.createContext("/api/v3/app/installations/", issuer::gitHub);
        server.createContext("/token", issuer::google);
        server.start();
        return issuer;
    }

    /** The issuer's root, {@code https://localhost:<port>}: a GitHub Enterprise base URL. */
    String url() {
        return "https://localhost:" + server.getAddress().getPort();
    }

    /** Google's token endpoint on this issuer, for a key file's {@code token_uri}. */
    String tokenUri() {
        return url() + "/token";
    }

    /** Tokens issued from now on expire after {@code seconds}. */
    FakeTokenIssuer lifetime(long seconds) {
        lifetimeSeconds = seconds;
        return this;
    }

    /** The scope a Google assertion must ask for. */
    FakeTokenIssuer expectScope(String scope) {
        expectedScope = scope;
        return this;
    }

    /** Refuses every request from now on, as an issuer whose key was deleted does. */
    void revokeKey() {
        revoked = true;
    }

    /** How many tokens were minted. */
    int mints() {
        return mints.get();
    }

    /** What was wrong with refused requests, empty when every JWT passed. */
    List<String> problems() {
        return List.copyOf(problems);
    }

    /** Every JWT received. */
    List<String> jwts() {
        return List.copyOf(jwts);
    }

    /** Every token issued. */
    List<String> tokens() {
        return List.copyOf(tokens);
    }

    private void gitHub(HttpExchange exchange) throws IOException {
        String expectedPath = "/api/v3/app/installations/" + INSTALLATION_ID + "/access_tokens";
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String problem = !exchange.getRequestMethod().equals("POST") ? "method " + exchange.getRequestMethod()
                : !exchange.getRequestURI().getPath().equals(expectedPath) ? "path " + exchange.getRequestURI().getPath()
                : !"application/vnd.github+json".equals(exchange.getRequestHeaders().getFirst("Accept")) ? "Accept"
                : !"2022-11-28".equals(exchange.getRequestHeaders().getFirst("X-GitHub-Api-Version")) ? "API version"
                : authorization == null || !authorization.startsWith("Bearer ") ? "no Bearer JWT"
                : verify(authorization.substring(7), claims -> {
                    long now = Instant.now().getEpochSecond();
                    long iat = claims.path("iat").asLong();
                    long exp = claims.path("exp").asLong();
                    return !APP_ID.equals(claims.path("iss").asText()) ? "iss " + claims.path("iss")
                            : iat > now - 50 || iat < now - 70 ? "iat " + (iat - now) + " s from now"
                            : exp - iat != 600 ? "exp - iat = " + (exp - iat)
                            : exp <= now ? "expired" : null;
                });
        if (problem != null || revoked) {
            refuse(exchange, problem, "{\"message\":\"A JSON web token could not be decoded\"}");
            return;
        }
        String token = "ghs_fake" + mints.incrementAndGet() + "x" + Long.toHexString(System.nanoTime());
        tokens.add(token);
        answer(exchange, 201, "{\"token\":\"" + token + "\",\"expires_at\":\""
                + Instant.now().plusSeconds(lifetimeSeconds).truncatedTo(ChronoUnit.SECONDS)
                + "\",\"permissions\":{\"contents\":\"read\"},\"repository_selection\":\"all\"}");
    }

    private void google(HttpExchange exchange) throws IOException {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
            String[] nameValue = pair.split("=", 2);
            form.put(nameValue[0], nameValue.length < 2 ? "" : URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8));
        }
        String problem = !"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(form.get("grant_type"))
                ? "grant_type " + form.get("grant_type")
                : form.get("assertion") == null ? "no assertion"
                : verify(form.get("assertion"), claims -> {
                    long now = Instant.now().getEpochSecond();
                    long iat = claims.path("iat").asLong();
                    long exp = claims.path("exp").asLong();
                    return !SERVICE_ACCOUNT.equals(claims.path("iss").asText()) ? "iss " + claims.path("iss")
                            : !SERVICE_ACCOUNT.equals(claims.path("sub").asText()) ? "sub " + claims.path("sub")
                            : !tokenUri().equals(claims.path("aud").asText()) ? "aud " + claims.path("aud")
                            : expectedScope != null && !expectedScope.equals(claims.path("scope").asText())
                                    ? "scope " + claims.path("scope")
                            : Math.abs(iat - now) > 10 ? "iat " + (iat - now) + " s from now"
                            : exp - iat != 3600 ? "exp - iat = " + (exp - iat) : null;
                });
        if (problem != null || revoked) {
            refuse(exchange, problem, "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid JWT Signature.\"}");
            return;
        }
        String token = "ya29.fake" + mints.incrementAndGet() + "x" + Long.toHexString(System.nanoTime());
        tokens.add(token);
        answer(exchange, 200, "{\"access_token\":\"" + token + "\",\"expires_in\":" + lifetimeSeconds
                + ",\"token_type\":\"Bearer\"}");
    }

    /** The problem with {@code jwt}, or {@code null} when its header, signature and claims pass. */
    private String verify(String jwt, java.util.function.Function<JsonNode, String> claimsProblem) {
        jwts.add(jwt);
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) {
            return "not a JWT";
        }
        try {
            Base64.Decoder base64url = Base64.getUrlDecoder();
            if (!new String(base64url.decode(parts[0]), StandardCharsets.UTF_8).equals("{\"alg\":\"RS256\",\"typ\":\"JWT\"}")) {
                return "header " + new String(base64url.decode(parts[0]), StandardCharsets.UTF_8);
            }
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(publicKey);
            verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!verifier.verify(base64url.decode(parts[2]))) {
                return "bad signature";
            }
            return claimsProblem.apply(JSON.readTree(base64url.decode(parts[1])));
        } catch (GeneralSecurityException | IOException | IllegalArgumentException e) {
            return "unreadable JWT: " + e;
        }
    }

    private void refuse(HttpExchange exchange, String problem, String body) throws IOException {
        if (problem != null) {
            problems.add(problem);
        }
        answer(exchange, 401, body);
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    /** {@code AUTHSOME_JAVA_OPTS} that make the runtime's HTTPS calls trust {@code ca}, its trust store written in {@code dir}. */
    static String trustOptions(TestCa ca, Path dir) throws IOException, GeneralSecurityException {
        Path store = ca.writeTrustStore(dir.resolve("issuer-trust.p12"));
        return "-Djavax.net.ssl.trustStore=" + store + " -Djavax.net.ssl.trustStorePassword=changeit"
                + " -Djavax.net.ssl.trustStoreType=PKCS12";
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
