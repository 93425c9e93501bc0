package io.authsome.oauth.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import java.net.CookieManager;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The loopback callback over real HTTP on 127.0.0.1. */
class LoopbackCallbackTest {
    private final HttpClient browser = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private int visit(LoopbackCallback callback, String query) throws Exception {
        // The timeout turns a callback that never answers into a failure instead of a hung build.
        return browser.send(HttpRequest.newBuilder(URI.create(callback.redirectUri() + "?" + query))
                        .timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void theRightStateGivesTheCodeAndASecondCallbackIsRefused() throws Exception {
        try (LoopbackCallback callback = LoopbackCallback.start(0, "s1")) {
            assertTrue(callback.redirectUri().startsWith("http://127.0.0.1:"));
            assertEquals(200, visit(callback, "code=abc&state=s1"));
            assertEquals(Optional.of("abc"), callback.awaitCode(Duration.ofSeconds(5)));
            assertEquals(409, visit(callback, "code=def&state=s1"));
        }
    }

    @Test
    void aWrongStateIsAnsweredAndIgnoredAndTheLoginKeepsWaitingForItsOwnCallback() throws Exception {
        try (LoopbackCallback callback = LoopbackCallback.start(0, "s1")) {
            assertEquals(400, visit(callback, "error=access_denied&state=forged"));
            assertEquals(400, visit(callback, "code=planted&state=forged"));
            assertEquals(200, visit(callback, "code=abc&state=s1"));
            assertEquals(Optional.of("abc"), callback.awaitCode(Duration.ofSeconds(5)));
        }
    }

    @Test
    void aClientThatSendsHalfARequestBlocksNobody() throws Exception {
        try (LoopbackCallback callback = LoopbackCallback.start(0, "s1");
             Socket slow = new Socket("127.0.0.1", URI.create(callback.redirectUri()).getPort())) {
            slow.getOutputStream().write("GET /auth/callback/oauth?sta".getBytes(StandardCharsets.US_ASCII));
            slow.getOutputStream().flush();
            assertEquals(200, visit(callback, "code=abc&state=s1"));
            assertEquals(Optional.of("abc"), callback.awaitCode(Duration.ofSeconds(5)));
        }
    }

    @Test
    void aRequestForAnotherHostIsRefusedAndIgnored() throws Exception {
        try (LoopbackCallback callback = LoopbackCallback.start(0, "s1")) {
            int port = URI.create(callback.redirectUri()).getPort();
            assertTrue(raw(port, "GET /auth/callback/oauth?code=planted&state=s1 HTTP/1.1\r\nHost: rebound.example:"
                    + port + "\r\nConnection: close\r\n\r\n").startsWith("HTTP/1.1 421"));
            assertTrue(raw(port, "GET /auth/callback/oauth?code=planted&state=s1 HTTP/1.1\r\nConnection: close\r\n\r\n")
                    .startsWith("HTTP/1.1 421"));
            assertTrue(raw(port, "GET /auth/callback/oauth?code=abc&state=s1 HTTP/1.1\r\nHost: localhost:" + port
                    + "\r\nConnection: close\r\n\r\n").startsWith("HTTP/1.1 200"));
            assertEquals(Optional.of("abc"), callback.awaitCode(Duration.ofSeconds(5)));
        }
    }

    @Test
    void onceTheBrowserHasLoadedTheStartAddressOnlyItsCallbackIsTaken() throws Exception {
        try (LoopbackCallback callback = LoopbackCallback.start(0, "s1")) {
            URI start = URI.create(callback.startUrl("https://as.example/authorize?state=s1"));
            HttpClient opened = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .cookieHandler(new CookieManager()).build();
            HttpResponse<String> redirect = opened.send(HttpRequest.newBuilder(start).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(302, redirect.statusCode());
            assertEquals("https://as.example/authorize?state=s1", redirect.headers().firstValue("Location").orElseThrow());
            assertTrue(redirect.headers().firstValue("Set-Cookie").orElseThrow().contains("HttpOnly"));
            assertEquals(409, browser.send(HttpRequest.newBuilder(start).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
            assertEquals(403, visit(callback, "code=planted&state=s1"));
            HttpResponse<String> page = opened.send(HttpRequest.newBuilder(URI.create(callback.redirectUri()
                    + "?code=abc&state=s1")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode(), page.body());
            assertEquals(Optional.of("abc"), callback.awaitCode(Duration.ofSeconds(5)));
        }
    }

    @Test
    void aLoginFromTheDashboardLeadsTheBrowserBackThereWithAPageOfItsOwnOrigin() throws Exception {
        String dashboard = "http://127.0.0.1:7997/login";
        try (LoopbackCallback callback = LoopbackCallback.start(0, "s1", dashboard)) {
            HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(callback.redirectUri()
                    + "?code=abc&state=s1")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("<meta http-equiv=\"refresh\" content=\"0; url=" + dashboard + "\">"),
                    page.body());
            assertTrue(page.body().contains("<a href=\"" + dashboard + "\">"), page.body());
            assertFalse(page.body().contains("close this tab"), page.body());
            assertEquals(Optional.of("abc"), callback.awaitCode(Duration.ofSeconds(5)));
        }
        try (LoopbackCallback callback = LoopbackCallback.start(0, "s1")) {
            HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(callback.redirectUri()
                    + "?code=abc&state=s1")).build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(page.body().contains("You can close this tab."), page.body());
            assertFalse(page.body().contains("refresh"), page.body());
        }
    }

    /** Sends {@code request} as it is and returns the whole answer. */
    private static String raw(int port, String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    @Test
    void aDeniedLoginIsNamedWithoutTerminalControlCharacters() throws Exception {
        try (LoopbackCallback callback = LoopbackCallback.start(0, "s1")) {
            visit(callback, "error=access_denied&error_description=%1B%5B31mred%0Aline&state=s1");
            AuthsomeException e = assertThrows(AuthsomeException.class, () -> callback.awaitCode(Duration.ofSeconds(5)));
            assertTrue(e.getMessage().contains("access_denied"), e.getMessage());
            assertFalse(e.getMessage().contains("\u001b") || e.getMessage().contains("\n"), e.getMessage());
        }
    }

    @Test
    void noCallbackInTimeGivesNoCode() throws Exception {
        try (LoopbackCallback callback = LoopbackCallback.start(0, "s1")) {
            assertTrue(callback.awaitCode(Duration.ofMillis(200)).isEmpty());
        }
    }

    @Test
    void aPortInUseIsNamed() throws Exception {
        try (LoopbackCallback first = LoopbackCallback.start(0, "s1")) {
            int port = URI.create(first.redirectUri()).getPort();
            AuthsomeException e = assertThrows(AuthsomeException.class, () -> LoopbackCallback.start(port, "s2"));
            assertEquals(ErrorCode.RUNTIME_UNAVAILABLE, e.code());
            assertTrue(e.getMessage().contains(Integer.toString(port)), e.getMessage());
        }
    }
}
