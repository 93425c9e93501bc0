package io.authsome.oauth.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The loopback callback over real HTTP on 127.0.0.1. */
class LoopbackCallbackTest {
    private final HttpClient browser = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private int visit(LoopbackCallback callback, String query) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create(callback.redirectUri() + "?" + query)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void theRightStateGivesTheCodeAndASecondCallbackIsRefused() throws Exception {
        try (LoopbackCallback callback = LoopbackCallback.start(0, "s1")) {
            assertTrue(callback.redirectUri().startsWith("http://127.0.0.1:"));
            assertEquals(200, visit(callback, "code=abc&state=s1"));
            assertEquals(java.util.Optional.of("abc"), callback.awaitCode(Duration.ofSeconds(5)));
            assertEquals(409, visit(callback, "code=def&state=s1"));
        }
    }

    @Test
    void aWrongStateIsRefusedEvenWhenItCarriesAnError() throws Exception {
        try (LoopbackCallback callback = LoopbackCallback.start(0, "s1")) {
            assertEquals(400, visit(callback, "error=access_denied&state=forged"));
            AuthsomeException e = assertThrows(AuthsomeException.class, () -> callback.awaitCode(Duration.ofSeconds(5)));
            assertEquals(ErrorCode.AUTHENTICATION_FAILED, e.code());
            assertTrue(e.getMessage().contains("wrong state"), e.getMessage());
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
