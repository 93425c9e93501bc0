package io.authsome.oauth.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.login.LoginFailure;
import io.authsome.api.login.LoginFailure.Reason;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The loopback redirect target of an authorization request (RFC 8252): a one-shot HTTP server on
 * 127.0.0.1 that takes the first callback, checks its {@code state}, shows the browser a page
 * saying how it went, and refuses every later callback.
 */
final class LoopbackCallback implements AutoCloseable {
    static final String PATH = "/auth/callback/oauth";

    private final HttpServer server;
    private final String state;
    private final AtomicBoolean answered = new AtomicBoolean();
    private final CompletableFuture<String> code = new CompletableFuture<>();

    private LoopbackCallback(HttpServer server, String state) {
        this.server = server;
        this.state = state;
    }

    static LoopbackCallback start(int port, String state) throws AuthsomeException {
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
        LoopbackCallback callback = new LoopbackCallback(server, state);
        server.createContext(PATH, callback::handle);
        server.start();
        return callback;
    }

    String redirectUri() {
        return AuthorizationCodeLogin.redirectUri(server.getAddress().getPort());
    }

    /**
     * Waits for the callback.
     *
     * @return the authorization code, or empty when no callback came within {@code timeout}
     * @throws AuthsomeException {@code AUTHENTICATION_FAILED} for a denied login, a wrong state or an
     *                           error from the provider
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

    private void handle(HttpExchange exchange) throws IOException {
        Map<String, String> query = query(exchange.getRequestURI());
        if (!answered.compareAndSet(false, true)) {
            respond(exchange, 409, "This login link was already used", "Run the login again in your terminal.");
            return;
        }
        if (!MessageDigest.isEqual(state.getBytes(StandardCharsets.UTF_8),
                query.getOrDefault("state", "").getBytes(StandardCharsets.UTF_8))) {
            respond(exchange, 400, "Login refused", "The request did not come from this login. You can close this tab.");
            code.completeExceptionally(new LoginFailure(Reason.WRONG_STATE, ErrorCode.AUTHENTICATION_FAILED,
                    "the login callback carried the wrong state: it was not answering this login, so it was refused",
                    "run the login again"));
            return;
        }
        String error = query.get("error");
        if (error != null) {
            String said = printable(error) + (query.containsKey("error_description")
                    ? " (" + printable(query.get("error_description")) + ")" : "");
            respond(exchange, 400, "Login failed", "The provider said: " + escape(said) + ". You can close this tab.");
            code.completeExceptionally(new LoginFailure(reason(error), ErrorCode.AUTHENTICATION_FAILED,
                    "the provider refused the login: " + said, error.equals("access_denied") ? "run the login again and approve the access"
                    : "authsome doctor"));
            return;
        }
        String value = query.get("code");
        if (value == null || value.isEmpty()) {
            respond(exchange, 400, "Login failed", "No authorization code arrived. You can close this tab.");
            code.completeExceptionally(new LoginFailure(Reason.PROVIDER_REFUSED, ErrorCode.AUTHENTICATION_FAILED,
                    "the login callback carried no authorization code", "run the login again"));
            return;
        }
        respond(exchange, 200, "Login complete", "authsome has the authorization. You can close this tab.");
        code.complete(value);
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

    private static void respond(HttpExchange exchange, int status, String title, String text) throws IOException {
        byte[] page = ("<!doctype html><html><head><meta charset=\"utf-8\"><title>authsome: " + title
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
    }
}
