package io.authsome.console.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.authsome.api.command.CommandResult;
import io.authsome.api.home.HomeLayout;
import io.authsome.api.login.LoginInteraction;
import io.authsome.api.vault.Secret;
import io.authsome.common.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
 * The browser bridge: a one-time form on 127.0.0.1 where a person pastes a secret (a client
 * secret, an API key) instead of typing it into a terminal. The page lives at an unguessable
 * path, the form carries a CSRF token that must come back with the secret, a cross-site POST is
 * refused, and the first accepted answer closes it.
 * <p>
 * The browser is handed a private page that leads to the form, not the form's address. Should
 * the address leak anyway, the form is served once, with a cookie that the answer must carry: a
 * second load of the page means someone else has the address, and the form is discarded rather
 * than trusted.
 */
final class BrowserBridge implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String COOKIE = "authsome_form";

    /** The page was loaded twice: its answer cannot be trusted. */
    private static final class OpenedTwice extends Exception {
        private static final long serialVersionUID = 1L;
    }

    private final HttpServer server;
    private final ExecutorService connections;
    private final CompletableFuture<Secret> answer = new CompletableFuture<>();
    private final AtomicReference<LoginInteraction.OpenedBrowser> page = new AtomicReference<>();
    private final AtomicBoolean served = new AtomicBoolean();

    private BrowserBridge(HttpServer server, ExecutorService connections) {
        this.server = server;
        this.connections = connections;
    }

    /**
     * Serves the form asking for {@code label}, shows its address (on {@code diagnostics} after
     * {@code intro}, and as an {@code input} event on {@code events}: stdout with {@code --json},
     * else {@code null}) and opens it in the browser ({@code $BROWSER} of {@code env}, the
     * invocation's environment).
     */
    static BrowserBridge open(String label, String intro, PrintStream diagnostics, PrintStream events, HomeLayout home,
                              Person person) throws IOException {
        String path = "/" + random();
        Tokens tokens = new Tokens(path, random(), random());
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 0);
        ExecutorService connections = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "authsome-browser-form");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(connections);
        BrowserBridge bridge = new BrowserBridge(server, connections);
        server.createContext(path, exchange -> bridge.handle(exchange, label, tokens));
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + path;
        if (events != null) {
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("v", CommandResult.FORMAT_VERSION);
            event.put("event", "input");
            event.put("url", url);
            events.println(Json.writeLine(event));
            events.flush();
        }
        diagnostics.println(intro + "\n  " + url);
        person.openBrowser(url, home).ifPresent(bridge::keepPage);
        return bridge;
    }

    /** The page that took the browser to the form: deleted once the form was loaded. */
    private void keepPage(LoginInteraction.OpenedBrowser opened) {
        page.set(opened);
        if (served.get()) {
            forgetPage();
        }
    }

    /** Whether the form was answered (and the answer can be taken). */
    boolean answered() {
        return answer.isDone() && !answer.isCompletedExceptionally();
    }

    /** Whether the form was discarded because its page was loaded twice. */
    boolean discarded() {
        return answer.isCompletedExceptionally();
    }

    /** Waits for the answer; empty when there was none within {@code timeout} or the form was discarded. */
    Optional<Secret> await(Duration timeout) {
        try {
            return Optional.of(answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS)).filter(secret -> !secret.isEmpty());
        } catch (ExecutionException | TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Stops serving the form and deletes the page given to the browser. */
    @Override
    public void close() {
        server.stop(0);
        connections.shutdownNow();
        forgetPage();
    }

    private void forgetPage() {
        LoginInteraction.OpenedBrowser opened = page.getAndSet(null);
        if (opened != null) {
            opened.close();
        }
    }

    /** What a request must match: the page's path, the form's CSRF token, the cookie of the first load. */
    private record Tokens(String path, String csrf, String cookie) {
    }

    private void handle(HttpExchange exchange, String label, Tokens tokens) throws IOException {
        if (answer.isDone()) {
            page(exchange, 410, "<p>This form was already used. You can close this tab.</p>");
            return;
        }
        if (exchange.getRequestMethod().equals("GET")) {
            if (!served.compareAndSet(false, true)) {
                page(exchange, 409, "<p>This form was opened twice, so authsome discarded it. Run the command again.</p>");
                answer.completeExceptionally(new OpenedTwice());
                return;
            }
            forgetPage();
            exchange.getResponseHeaders().add("Set-Cookie", COOKIE + "=" + tokens.cookie() + "; Path=" + tokens.path()
                    + "; HttpOnly; SameSite=Strict");
            page(exchange, 200, "<form method=\"post\"><label>" + escape(label) + "<br><input type=\"password\""
                    + " name=\"secret\" autofocus size=\"60\"></label><input type=\"hidden\" name=\"csrf\" value=\""
                    + tokens.csrf() + "\"><p><button type=\"submit\">Send to authsome</button></p></form>");
            return;
        }
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        Map<String, String> form = parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        boolean sameOrigin = origin == null || origin.equals("null")
                || origin.equals("http://127.0.0.1:" + exchange.getLocalAddress().getPort());
        if (!exchange.getRequestMethod().equals("POST") || !sameOrigin || !matches(tokens.csrf(), form.get("csrf"))
                || !matches(tokens.cookie(), cookie(exchange))) {
            page(exchange, 403, "<p>Refused: this request did not come from the authsome form.</p>");
            return;
        }
        page(exchange, 200, "<p>Received. You can close this tab and go back to the terminal.</p>");
        answer.complete(Secret.of(form.getOrDefault("secret", "").strip()));
    }

    private static boolean matches(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }

    /** The value of the form's cookie in the request, or {@code null}. */
    private static String cookie(HttpExchange exchange) {
        for (String header : exchange.getRequestHeaders().getOrDefault("Cookie", java.util.List.of())) {
            for (String pair : header.split(";")) {
                String trimmed = pair.trim();
                if (trimmed.startsWith(COOKIE + "=")) {
                    return trimmed.substring(COOKIE.length() + 1);
                }
            }
        }
        return null;
    }

    private static Map<String, String> parse(String body) {
        Map<String, String> values = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private static void page(HttpExchange exchange, int status, String content) throws IOException {
        byte[] body = ("<!doctype html><html><head><meta charset=\"utf-8\"><title>authsome</title></head>"
                + "<body style=\"font-family:sans-serif;margin:3em\"><h1>authsome</h1>" + content + "</body></html>")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("X-Frame-Options", "DENY");
        exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String random() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
