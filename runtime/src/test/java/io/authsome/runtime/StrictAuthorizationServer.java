package io.authsome.runtime;

import static io.authsome.runtime.TestHttp.form;
import static io.authsome.runtime.TestHttp.parse;
import static io.authsome.runtime.TestHttp.send;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An authorization server and the API it protects, on loopback, as strict as Keycloak where the
 * recovery paths depend on it: registered clients only ({@code invalid_client} otherwise, and an
 * error page with no redirect at the authorize endpoint), tokens bound to the client that
 * obtained them (a refresh or revocation by another client is refused), the scopes granted as
 * asked, revocation of a refresh token ending its whole grant, and a second revocation answered
 * {@code 200 {"error":"invalid_token"}}. A person approves every authorization and device code
 * at once.
 * <p>
 * The API under {@code /api/}: 401 with {@code invalid_token} for a token that is unknown,
 * revoked or expired; 403 with an RFC 6750 {@code insufficient_scope} challenge when the query
 * {@code scope=X} names a scope the token lacks; else 200 with the client and scopes of the token.
 */
final class StrictAuthorizationServer implements AutoCloseable {
    /** What a revocation request got. */
    record Revocation(String clientId, String hint, int status, String body) {
    }

    /** A token request as it arrived: which grant, from which client. */
    record TokenRequest(String grantType, String clientId, int status) {
    }

    private static final class Grant {
        final String clientId;
        final List<String> scopes;
        volatile boolean live = true;

        Grant(String clientId, List<String> scopes) {
            this.clientId = clientId;
            this.scopes = scopes;
        }
    }

    private record Code(Grant grant, String redirectUri) {
    }

    private record Access(Grant grant, Instant expires) {
    }

    private final HttpServer server;
    private final Map<String, String> clients = new ConcurrentHashMap<>();
    private final Map<String, Code> codes = new ConcurrentHashMap<>();
    private final Map<String, Grant> refreshTokens = new ConcurrentHashMap<>();
    private final Map<String, Access> accessTokens = new ConcurrentHashMap<>();
    private final Set<Grant> grants = ConcurrentHashMap.newKeySet();
    private final List<Revocation> revocations = new CopyOnWriteArrayList<>();
    private final List<TokenRequest> tokenRequests = new CopyOnWriteArrayList<>();
    private final AtomicInteger serial = new AtomicInteger();
    private volatile long accessLifetimeSeconds = 3600;

    StrictAuthorizationServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/authorize", this::authorize);
        server.createContext("/token", this::token);
        server.createContext("/revoke", this::revoke);
        server.createContext("/device", this::device);
        server.createContext("/api/", this::api);
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** A provider definition for this server: pkce, with revocation and device endpoints, routed to {@code /api}. */
    String provider(String name, String... scopes) {
        return """
                {"name": "%s", "auth_type": "oauth2", "flow": "pkce", "api_url": "%s",
                 "oauth": {"authorization_url": "%s", "token_url": "%s", "revocation_url": "%s",
                           "device_authorization_url": "%s", "scopes": [%s]}}
                """.formatted(name, url("/api"), url("/authorize"), url("/token"), url("/revoke"), url("/device"),
                String.join(", ", Arrays.stream(scopes).map(s -> "\"" + s + "\"").toList()));
    }

    /** Registers a client; {@code secret} {@code null} for a public one. */
    StrictAuthorizationServer client(String id, String secret) {
        clients.put(id, secret == null ? "" : secret);
        return this;
    }

    /** Deletes a client, as an administrator deleting the app does: its tokens stop working too. */
    void deleteClient(String id) {
        clients.remove(id);
        grants.stream().filter(grant -> grant.clientId.equals(id)).forEach(grant -> grant.live = false);
    }

    /** Ends every grant, as a user revoking the app's access in their account does. */
    void revokeAllGrants() {
        grants.forEach(grant -> grant.live = false);
    }

    /** The lifetime of the access tokens issued from now on. */
    void accessLifetime(long seconds) {
        accessLifetimeSeconds = seconds;
    }

    List<Revocation> revocations() {
        return revocations;
    }

    List<TokenRequest> tokenRequests() {
        return tokenRequests;
    }

    /** Whether the grant behind {@code accessToken} is still live. */
    boolean live(String accessToken) {
        Access access = accessTokens.get(accessToken);
        return access != null && access.grant().live;
    }

    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> query = parse(exchange.getRequestURI().getRawQuery());
        String clientId = query.get("client_id");
        if (clientId == null || !clients.containsKey(clientId)) {
            // As Keycloak: an error page for the person, and no redirect to a client it does not know.
            send(exchange, 400, "text/html", "<html><body>Client not found.</body></html>");
            return;
        }
        String code = "code-" + serial.incrementAndGet();
        codes.put(code, new Code(new Grant(clientId, scopes(query.get("scope"))), query.get("redirect_uri")));
        exchange.getResponseHeaders().set("Location", query.get("redirect_uri") + "?code=" + code + "&state="
                + URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8));
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> form = form(exchange);
        String grantType = form.get("grant_type");
        String clientId = authenticate(exchange, form);
        if (clientId == null) {
            tokenRequests.add(new TokenRequest(grantType, form.get("client_id"), 401));
            send(exchange, 401, "application/json", "{\"error\":\"invalid_client\",\"error_description\":\"Invalid client"
                    + " or Invalid client credentials\"}");
            return;
        }
        Grant grant;
        switch (String.valueOf(grantType)) {
            case "authorization_code" -> {
                Code code = codes.remove(String.valueOf(form.get("code")));
                grant = code == null || !code.grant().clientId.equals(clientId) ? null : code.grant();
            }
            case "refresh_token" -> {
                Grant bound = refreshTokens.remove(String.valueOf(form.get("refresh_token")));
                if (bound != null && !bound.clientId.equals(clientId)) {
                    tokenRequests.add(new TokenRequest(grantType, clientId, 400));
                    send(exchange, 400, "application/json", "{\"error\":\"invalid_grant\",\"error_description\":"
                            + "\"Invalid refresh token. Token client and authorized client don't match\"}");
                    return;
                }
                grant = bound != null && bound.live ? bound : null;
            }
            case "urn:ietf:params:oauth:grant-type:device_code" -> {
                Code device = codes.remove(String.valueOf(form.get("device_code")));
                grant = device == null || !device.grant().clientId.equals(clientId) ? null : device.grant();
            }
            default -> grant = null;
        }
        if (grant == null) {
            tokenRequests.add(new TokenRequest(grantType, clientId, 400));
            send(exchange, 400, "application/json", "{\"error\":\"invalid_grant\",\"error_description\":"
                    + "\"Token is not active\"}");
            return;
        }
        tokenRequests.add(new TokenRequest(grantType, clientId, 200));
        grants.add(grant);
        int n = serial.incrementAndGet();
        String access = "access-" + n;
        String refresh = "refresh-" + n;
        accessTokens.put(access, new Access(grant, Instant.now().plusSeconds(accessLifetimeSeconds)));
        refreshTokens.put(refresh, grant);
        send(exchange, 200, "application/json", "{\"access_token\":\"" + access + "\",\"token_type\":\"Bearer\","
                + "\"expires_in\":" + accessLifetimeSeconds + ",\"refresh_token\":\"" + refresh + "\",\"scope\":\""
                + String.join(" ", grant.scopes) + "\"}");
    }

    private void revoke(HttpExchange exchange) throws IOException {
        Map<String, String> form = form(exchange);
        String clientId = authenticate(exchange, form);
        String token = String.valueOf(form.get("token"));
        String hint = form.get("token_type_hint");
        if (clientId == null) {
            answerRevocation(exchange, form.get("client_id"), hint, 401, "{\"error\":\"invalid_client\"}");
            return;
        }
        Grant grant = refreshTokens.containsKey(token) ? refreshTokens.get(token)
                : accessTokens.containsKey(token) ? accessTokens.get(token).grant() : null;
        if (grant == null || !grant.live) {
            // Keycloak's answer to a token it no longer knows, e.g. the access token after its refresh token.
            answerRevocation(exchange, clientId, hint, 200, "{\"error\":\"invalid_token\",\"error_description\":"
                    + "\"Invalid token\"}");
            return;
        }
        if (!grant.clientId.equals(clientId)) {
            answerRevocation(exchange, clientId, hint, 400, "{\"error\":\"unauthorized_client\",\"error_description\":"
                    + "\"Unmatching clients\"}");
            return;
        }
        grant.live = false;
        answerRevocation(exchange, clientId, hint, 200, "");
    }

    private void answerRevocation(HttpExchange exchange, String clientId, String hint, int status, String body)
            throws IOException {
        revocations.add(new Revocation(clientId, hint, status, body));
        send(exchange, status, "application/json", body);
    }

    private void device(HttpExchange exchange) throws IOException {
        Map<String, String> form = form(exchange);
        String clientId = authenticate(exchange, form);
        if (clientId == null) {
            send(exchange, 401, "application/json", "{\"error\":\"invalid_client\"}");
            return;
        }
        String deviceCode = "device-" + serial.incrementAndGet();
        codes.put(deviceCode, new Code(new Grant(clientId, scopes(form.get("scope"))), null));
        send(exchange, 200, "application/json", "{\"device_code\":\"" + deviceCode + "\",\"user_code\":\"WDJB-MJHT\","
                + "\"verification_uri\":\"" + url("/activate") + "\",\"interval\":1,\"expires_in\":60}");
    }

    private void api(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        Access access = authorization != null && authorization.startsWith("Bearer ")
                ? accessTokens.get(authorization.substring(7)) : null;
        if (access == null || !access.grant().live || Instant.now().isAfter(access.expires())) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            send(exchange, 401, "application/json", "{\"error\":\"invalid_token\"}");
            return;
        }
        String needed = parse(exchange.getRequestURI().getRawQuery()).get("scope");
        if (needed != null && !access.grant().scopes.contains(needed)) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer error=\"insufficient_scope\", scope=\""
                    + needed + "\"");
            send(exchange, 403, "application/json", "{\"error\":\"insufficient_scope\"}");
            return;
        }
        send(exchange, 200, "application/json", "{\"client\":\"" + access.grant().clientId + "\",\"scopes\":\""
                + String.join(" ", access.grant().scopes) + "\"}");
    }

    /** The registered client that authenticated (HTTP Basic or the body), or {@code null}. */
    private String authenticate(HttpExchange exchange, Map<String, String> form) {
        String id = form.get("client_id");
        String secret = form.getOrDefault("client_secret", "");
        String basic = exchange.getRequestHeaders().getFirst("Authorization");
        if (basic != null && basic.startsWith("Basic ")) {
            String[] pair = new String(Base64.getDecoder().decode(basic.substring(6)), StandardCharsets.UTF_8).split(":", 2);
            id = URLDecoder.decode(pair[0], StandardCharsets.UTF_8);
            secret = pair.length > 1 ? URLDecoder.decode(pair[1], StandardCharsets.UTF_8) : "";
        }
        return id != null && secret.equals(clients.get(id)) ? id : null;
    }

    private static List<String> scopes(String scope) {
        return scope == null || scope.isBlank() ? List.of() : List.of(scope.split(" "));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
