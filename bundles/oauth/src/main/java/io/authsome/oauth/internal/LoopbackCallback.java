package io.authsome.oauth.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.login.LoginFailure.Reason;
import io.authsome.api.login.LoginFailure;
import io.authsome.api.login.LoginInteraction;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The loopback redirect target of an authorization request (RFC 8252): an HTTP server on
 * 127.0.0.1 that waits for the callback of this login, shows the browser a page saying how it
 * went, and refuses every later callback.
 * <p>
 * Anything else that reaches the port is answered and ignored, so it cannot end the login: a
 * callback with another {@code state}, a request naming another {@code Host} (DNS rebinding), a
 * callback from another browser than the one authsome opened. Each connection is served on its
 * own thread, so a client that sends half a request blocks nobody but itself.
 * <p>
 * The browser authsome opens first loads a one-time start address here, which sets a cookie and
 * sends it on to the authorization server; from then on the callback must carry that cookie.
 * A person who opens the printed authorization URL instead (no browser started) needs no cookie.
 * <p>
 * A login started from the dashboard gives a return address: the callback's page then leads the
 * browser back to the dashboard at once (a refresh, and a link), instead of saying the tab may
 * be closed. It is a page of this origin rather than a redirect so that the dashboard's
 * {@code SameSite=Strict} session cookie goes along: a browser sends none at the end of a
 * redirect chain that passed through the provider's site.
 */
final class LoopbackCallback implements AutoCloseable {
    static final String PATH = "/auth/callback/oauth";
    private static final String START = "/auth/start/";
    private static final String COOKIE = "authsome_login";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpServer server;
    private final ExecutorService connections;
    private final String state;
    private final String returnTo;
    private final String startToken = random();
    private final String cookie = random();
    private final AtomicReference<String> authorizeUrl = new AtomicReference<>();
    private final AtomicReference<LoginInteraction.OpenedBrowser> page = new AtomicReference<>();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean answered = new AtomicBoolean();
    private final CompletableFuture<String> code = new CompletableFuture<>();

    private LoopbackCallback(HttpServer server, ExecutorService connections, String state, String returnTo) {
        this.server = server;
        this.connections = connections;
        this.state = state;
        this.returnTo = returnTo;
    }

    static LoopbackCallback start(int port, String state) throws AuthsomeException {
        return start(port, state, null);
    }

    /**
     * Listens for the callback of the login with {@code state}.
     *
     * @param returnTo where the callback's page leads the browser once the login has its answer
     *                 ({@code LoginInteraction.returnAddress()}), or {@code null}
     */
    static LoopbackCallback start(int port, String state, String returnTo) throws AuthsomeException {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port), 0);
        } catch (BindException e) {
            throw new AuthsomeException(ErrorCode.RUNTIME_UNAVAILABLE, "the login callback port " + port
                    + " on 127.0.0.1 is in use by another program",
                    "stop that program, or set callback.port in config.json to a free port (and register that"
                            + " redirect URI with the provider)");
        } catch (IOException e) {
            throw new AuthsomeException(ErrorCode.RUNTIME_UNAVAILABLE, "cannot listen on 127.0.0.1:" + port + ": "
                    + e.getMessage(), "authsome doctor");
        }
        ExecutorService connections = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "authsome-login-callback");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(connections);
        LoopbackCallback callback = new LoopbackCallback(server, connections, state, returnTo);
        server.createContext(PATH, callback::callback);
        server.createContext(START, callback::startPage);
        server.start();
        return callback;
    }

    /**
     * The one-time address to open in the browser instead of {@code authorize}: its first load
     * binds this login to that browser and sends it on to {@code authorize}.
     */
    String startUrl(String authorize) {
        authorizeUrl.set(authorize);
        return "http://127.0.0.1:" + server.getAddress().getPort() + START + startToken;
    }

    /** The page that took the browser to {@link #startUrl}: deleted once the browser has loaded it. */
    void removeOnFirstLoad(LoginInteraction.OpenedBrowser opened) {
        page.set(opened);
        if (started.get()) {
            opened.close();
        }
    }

    String redirectUri() {
        return AuthorizationCodeLogin.redirectUri(server.getAddress().getPort());
    }

    /**
     * Waits for the callback.
     *
     * @return the authorization code, or empty when no callback of this login came within {@code timeout}
     * @throws AuthsomeException {@code AUTHENTICATION_FAILED} for a denied login or an error from the
     *                           provider
     */
    Optional<String> awaitCode(Duration timeout) throws AuthsomeException {
        try {
            return Optional.of(code.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            throw (AuthsomeException) e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoginFailure(Reason.INTERRUPTED, ErrorCode.AUTHENTICATION_FAILED, "the login was interrupted",
                    null);
        }
    }

    private void startPage(HttpExchange exchange) throws IOException {
        if (!hostIsThisServer(exchange)) {
            return;
        }
        String target = authorizeUrl.get();
        if (target == null || !matches(START + startToken, exchange.getRequestURI().getPath())) {
            respond(exchange, 404, "Not found", "This is not an authsome login address. You can close this tab.");
            return;
        }
        if (!started.compareAndSet(false, true)) {
            respond(exchange, 409, "This login link was already opened",
                    "It was opened in another browser window. Finish the login there, or run it again in your terminal.");
            return;
        }
        LoginInteraction.OpenedBrowser opened = page.get();
        if (opened != null) {
            opened.close();
        }
        exchange.getResponseHeaders().add("Set-Cookie", COOKIE + "=" + cookie + "; Path=" + PATH
                + "; HttpOnly; SameSite=Lax");
        exchange.getResponseHeaders().set("Location", target);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private void callback(HttpExchange exchange) throws IOException {
        if (!hostIsThisServer(exchange)) {
            return;
        }
        if (answered.get()) {
            respond(exchange, 409, "This login link was already used", "Run the login again in your terminal.");
            return;
        }
        Map<String, String> query = query(exchange.getRequestURI());
        if (!matches(state, query.get("state"))) {
            respond(exchange, 400, "Login refused", "The request did not come from this login. You can close this tab.");
            return;
        }
        if (started.get() && !matches(cookie, cookie(exchange))) {
            respond(exchange, 403, "Login refused", "This login was started in another browser. Finish it there,"
                    + " or run the login again in your terminal.");
            return;
        }
        if (!answered.compareAndSet(false, true)) {
            respond(exchange, 409, "This login link was already used", "Run the login again in your terminal.");
            return;
        }
        String error = query.get("error");
        if (error != null) {
            String said = printable(error) + (query.containsKey("error_description")
                    ? " (" + printable(query.get("error_description")) + ")" : "");
            finish(exchange, 400, "Login failed", "The provider said: " + escape(said) + ".");
            code.completeExceptionally(new LoginFailure(reason(error), ErrorCode.AUTHENTICATION_FAILED,
                    "the provider refused the login: " + said, error.equals("access_denied") ? "run the login again and approve the access"
                    : "authsome doctor"));
            return;
        }
        String value = query.get("code");
        if (value == null || value.isEmpty()) {
            finish(exchange, 400, "Login failed", "No authorization code arrived.");
            code.completeExceptionally(new LoginFailure(Reason.PROVIDER_REFUSED, ErrorCode.AUTHENTICATION_FAILED,
                    "the login callback carried no authorization code", "run the login again"));
            return;
        }
        finish(exchange, 200, "Login complete", "authsome has the authorization.");
        code.complete(value);
    }

    /**
     * Whether the request names this server in {@code Host}; a page that another site's name
     * resolves to 127.0.0.1 (DNS rebinding) is answered 421 and ignored.
     */
    private boolean hostIsThisServer(HttpExchange exchange) throws IOException {
        String host = exchange.getRequestHeaders().getFirst("Host");
        int port = server.getAddress().getPort();
        if (host != null && List.of("127.0.0.1:" + port, "localhost:" + port, "[::1]:" + port)
                .contains(host.trim().toLowerCase(Locale.ROOT))) {
            return true;
        }
        respond(exchange, 421, "Wrong address", "This server answers only at 127.0.0.1:" + port + ".");
        return false;
    }

    private static boolean matches(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }

    /** The value of this login's cookie in the request, or {@code null}. */
    private static String cookie(HttpExchange exchange) {
        for (String header : exchange.getRequestHeaders().getOrDefault("Cookie", List.of())) {
            for (String pair : header.split(";")) {
                String trimmed = pair.trim();
                if (trimmed.startsWith(COOKIE + "=")) {
                    return trimmed.substring(COOKIE.length() + 1);
                }
            }
        }
        return null;
    }

    private static String random() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The audited reason of an {@code error} the provider sent back to the callback. */
    private static Reason reason(String error) {
        return switch (OAuthError.classify(error)) {
            case REJECTED_CLIENT -> Reason.CLIENT_REJECTED;
            case DENIED -> Reason.ACCESS_DENIED;
            default -> Reason.PROVIDER_REFUSED;
        };
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> values = new HashMap<>();
        String raw = uri.getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                values.putIfAbsent(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    /**
     * The page that ends this login's callback: back to the dashboard when the login came from
     * there, else the tab may be closed.
     */
    private void finish(HttpExchange exchange, int status, String title, String text) throws IOException {
        if (returnTo == null) {
            respond(exchange, status, title, text + " You can close this tab.");
            return;
        }
        String to = escape(returnTo).replace("\"", "&quot;");
        respond(exchange, status, title, "<meta http-equiv=\"refresh\" content=\"0; url=" + to + "\">",
                text + " <a href=\"" + to + "\">Back to the authsome dashboard</a>");
    }

    private static void respond(HttpExchange exchange, int status, String title, String text) throws IOException {
        respond(exchange, status, title, "", text);
    }

    private static void respond(HttpExchange exchange, int status, String title, String head, String text)
            throws IOException {
        byte[] page = ("<!doctype html><html><head><meta charset=\"utf-8\">" + head + "<title>authsome: " + title
                + "</title></head><body style=\"font-family:sans-serif;margin:3em\"><h1>" + title + "</h1><p>" + text
                + "</p></body></html>").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, page.length);
        try (OutputStream body = exchange.getResponseBody()) {
            body.write(page);
        }
    }

    /** Text from the callback URL, made safe for a terminal: printable ASCII only, at most 200 characters. */
    static String printable(String text) {
        String clean = text.replaceAll("[^\\x20-\\x7e]", "?");
        return clean.length() > 200 ? clean.substring(0, 200) + "..." : clean;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Override
    public void close() {
        server.stop(0);
        connections.shutdownNow();
        LoginInteraction.OpenedBrowser opened = page.get();
        if (opened != null) {
            opened.close();
        }
    }
}
