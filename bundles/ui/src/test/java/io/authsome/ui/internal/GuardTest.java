package io.authsome.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.Headers;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GuardTest {
    private final Guard guard = new Guard(7997);

    private static Headers headers(String name, String value) {
        Headers headers = new Headers();
        headers.add(name, value);
        return headers;
    }

    @Test
    void onlyTheDashboardsOwnHostIsServed() {
        assertTrue(guard.hostAllowed(headers("Host", "127.0.0.1:7997")));
        assertTrue(guard.hostAllowed(headers("Host", "LOCALHOST:7997")));
        assertFalse(guard.hostAllowed(headers("Host", "attacker.example:7997")), "DNS rebinding");
        assertFalse(guard.hostAllowed(headers("Host", "127.0.0.1:7998")));
        assertFalse(guard.hostAllowed(new Headers()));
    }

    @Test
    void aChangeNeedsTheDashboardsOrigin() {
        assertTrue(guard.originAllowed(headers("Origin", "http://127.0.0.1:7997")));
        assertFalse(guard.originAllowed(headers("Origin", "http://attacker.example")));
        assertFalse(guard.originAllowed(headers("Origin", "null")));
        assertFalse(guard.originAllowed(new Headers()), "no Origin");
    }

    @Test
    void aFormOfTheDashboardsOwnPagesIsKnownByTheBrowsersFetchMetadata() {
        Headers ownForm = headers("Origin", "null"); // what a no-referrer page sends
        ownForm.add("Sec-Fetch-Site", "same-origin");
        assertTrue(guard.originAllowed(ownForm));
        Headers foreignForm = headers("Origin", "null");
        foreignForm.add("Sec-Fetch-Site", "cross-site");
        assertFalse(guard.originAllowed(foreignForm));
        Headers foreignOrigin = headers("Origin", "http://attacker.example");
        foreignOrigin.add("Sec-Fetch-Site", "same-origin");
        assertFalse(guard.originAllowed(foreignOrigin), "a foreign Origin is never outweighed");
    }

    @Test
    void theSessionCookieIsFoundAmongOthers() {
        assertEquals(Optional.of("abc"), Guard.sessionCookie(headers("Cookie", "a=1; authsome_session=abc; b=2")));
        assertEquals(Optional.empty(), Guard.sessionCookie(headers("Cookie", "xauthsome_session=abc")));
        assertTrue(Guard.sessionCookieHeader("abc").contains("HttpOnly"));
        assertTrue(Guard.sessionCookieHeader("abc").contains("SameSite=Strict"));
    }
}
