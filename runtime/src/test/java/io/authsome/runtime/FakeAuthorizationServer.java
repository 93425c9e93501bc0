package io.authsome.runtime;


import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An authorization server on loopback whose behaviour the refresh tests need to see and steer:
 * short-lived access tokens, rotating refresh tokens that work once, a count of refresh requests,
 * and revocation. The authorize endpoint approves at once by redirecting to the redirect URI.
 */
final class FakeAuthorizationServer implements AutoCloseable {
    private final HttpServer server;
    private final AtomicInteger refreshes = new AtomicInteger();
    private final AtomicInteger issued = new AtomicInteger();
    private final Set<String> liveRefreshTokens = ConcurrentHashMap.newKeySet();
    private final List<String> revoked = new CopyOnWriteArrayList<>();
    private final List<String> registrations = new CopyOnWriteArrayList<>();
    private final List<Long> devicePolls = new CopyOnWriteArrayList<>();
    /** Answers the device token polls will get, in order, before the grant: pending, slow_down, access_denied. */
    private final List<String> deviceAnswers = new CopyOnWriteArrayList<>();
    private final AtomicInteger rejectedRefreshes = new AtomicInteger();
    private volatile HeldRefresh held;
    private volatile long accessLifetimeSeconds = 4;
    private volatile boolean refreshTokens = true;

    FakeAuthorizationServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/authorize", this::authorize);
        server.createContext("/token", this::token);
        server.createContext("/revoke", this::revoke);
        server.createContext("/register", this::register);
        server.createContext("/device", this::device);
        server.createContext("/.well-known/oauth-authorization-server", exchange -> send(exchange, 200,
                "{\"issuer\":\"" + url("") + "\",\"authorization_endpoint\":\"" + url("/authorize")
                        + "\",\"token_endpoint\":\"" + url("/token") + "\",\"revocation_endpoint\":\""
                        + url("/revoke") + "\"}"));
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    int refreshes() {
        return refreshes.get();
    }

    /** Refresh requests answered {@code invalid_grant}: a used or revoked refresh token presented. */
    int rejectedRefreshes() {
        return rejectedRefreshes.get();
    }

    /**
     * A refresh request held at the server, unprocessed: it waits until {@link #release} and is
     * then dropped without an answer, as a request whose client died before the server read it.
     */
    record HeldRefresh(CountDownLatch arrived, CountDownLatch gate) {
        void awaitArrival() throws InterruptedException {
            if (!arrived.await(60, TimeUnit.SECONDS)) {
                throw new AssertionError("no refresh request arrived in 60 s");
            }
        }

        void release() {
            gate.countDown();
        }
    }

    /** Holds the next refresh request (see {@link HeldRefresh}). */
    HeldRefresh holdNextRefresh() {
        held = new HeldRefresh(new CountDownLatch(1), new CountDownLatch(1));
        return held;
    }

    List<String> revoked() {
        return revoked;
    }

    List<String> registrations() {
        return registrations;
    }

    /** When each device token poll arrived (milliseconds). */
    List<Long> devicePolls() {
        return devicePolls;
    }

    void answerDevicePolls(String... answers) {
        deviceAnswers.addAll(List.of(answers));
    }

    /** From now on, tokens come without a refresh token, as from providers that issue none. */
    void withoutRefreshTokens() {
        refreshTokens = false;
    }

    /** The lifetime of the next access token (those after it live an hour); 0: expired when issued. */
    void nextAccessLifetime(long seconds) {
        accessLifetimeSeconds = seconds;
    }

    /** Forgets every refresh token, as a provider does when the user revokes access elsewhere. */
    void revokeAllGrants() {
        liveRefreshTokens.clear();
    }

    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> query = TestHttp.parse(exchange.getRequestURI().getRawQuery());
        exchange.getResponseHeaders().set("Location", query.get("redirect_uri") + "?code=code-"
                + issued.incrementAndGet() + "&state=" + query.get("state"));
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private synchronized void token(HttpExchange exchange) throws IOException {
        Map<String, String> form = TestHttp.form(exchange);
        String grant = form.get("grant_type");
        if ("refresh_token".equals(grant)) {
            refreshes.incrementAndGet();
            HeldRefresh hold = held;
            if (hold != null) {
                held = null;
                hold.arrived().countDown();
                try {
                    hold.gate().await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
                return;
            }
            if (!liveRefreshTokens.remove(form.get("refresh_token"))) {
                rejectedRefreshes.incrementAndGet();
                send(exchange, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"refresh token revoked or used\"}");
                return;
            }
        } else if ("urn:ietf:params:oauth:grant-type:device_code".equals(grant)) {
            devicePolls.add(System.currentTimeMillis());
            if (!deviceAnswers.isEmpty()) {
                send(exchange, 400, "{\"error\":\"" + deviceAnswers.remove(0) + "\"}");
                return;
            }
        } else if (!"authorization_code".equals(grant) || form.get("code_verifier") == null) {
            send(exchange, 400, "{\"error\":\"invalid_request\"}");
            return;
        }
        int n = issued.incrementAndGet();
        String refresh = "refresh-" + n;
        liveRefreshTokens.add(refresh);
        String refreshMember = refreshTokens ? ",\"refresh_token\":\"" + refresh + "\"" : "";
        send(exchange, 200, "{\"access_token\":\"access-" + n + "\",\"token_type\":\"Bearer\",\"expires_in\":"
                + accessLifetimeSeconds + refreshMember + ",\"scope\":\"read\"}");
        accessLifetimeSeconds = 3600;
    }

    private void revoke(HttpExchange exchange) throws IOException {
        Map<String, String> form = TestHttp.form(exchange);
        revoked.add(form.get("token_type_hint"));
        liveRefreshTokens.remove(form.get("token"));
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
    }

    private void register(HttpExchange exchange) throws IOException {
        registrations.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        send(exchange, 201, "{\"client_id\":\"dynamic-" + registrations.size() + "\"}");
    }

    private void device(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        send(exchange, 200, "{\"device_code\":\"dev-1\",\"user_code\":\"WDJB-MJHT\",\"verification_uri\":\""
                + url("/activate") + "\",\"interval\":1,\"expires_in\":60}");
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        TestHttp.send(exchange, status, "application/json", json);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
