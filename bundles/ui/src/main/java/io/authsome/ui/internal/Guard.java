package io.authsome.ui.internal;

import com.sun.net.httpserver.Headers;
import java.util.Optional;
import java.util.Set;

/**
 * What every request must show before the dashboard answers it: a {@code Host} of the dashboard
 * itself (a page of another site whose name now resolves to 127.0.0.1 sends its own: DNS
 * rebinding), and for a change an {@code Origin} of the dashboard. And what every answer carries:
 * a content security policy that allows nothing but the dashboard's own script, style and forms,
 * no framing, no referrer, no caching.
 */
final class Guard {
    static final String COOKIE = "authsome_session";

    private final Set<String> hosts;
    private final Set<String> origins;

    Guard(int port) {
        this.hosts = Set.of("127.0.0.1:" + port, "localhost:" + port);
        this.origins = Set.of("http://127.0.0.1:" + port, "http://localhost:" + port);
    }

    boolean hostAllowed(Headers request) {
        String host = request.getFirst("Host");
        return host != null && hosts.contains(host.toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * A change must come from a page of the dashboard. Browsers send {@code Origin} with every
     * POST, but {@code null} from a page whose referrer policy is {@code no-referrer}, as the
     * dashboard's are; then {@code Sec-Fetch-Site}, which the browser sets and no page can,
     * tells whether the form was the dashboard's own.
     */
    boolean originAllowed(Headers request) {
        String origin = request.getFirst("Origin");
        if (origin != null && origins.contains(origin.toLowerCase(java.util.Locale.ROOT))) {
            return true;
        }
        return (origin == null || origin.equals("null")) && "same-origin".equals(request.getFirst("Sec-Fetch-Site"));
    }

    /** The value of the session cookie, if the request has one. */
    static Optional<String> sessionCookie(Headers request) {
        for (String header : request.getOrDefault("Cookie", java.util.List.of())) {
            for (String pair : header.split(";")) {
                String trimmed = pair.strip();
                if (trimmed.startsWith(COOKIE + "=")) {
                    return Optional.of(trimmed.substring(COOKIE.length() + 1));
                }
            }
        }
        return Optional.empty();
    }

    /** The cookie that holds a session: never readable by script, never sent by another site. */
    static String sessionCookieHeader(String id) {
        return COOKIE + "=" + id + "; Path=/; HttpOnly; SameSite=Strict";
    }

    static String clearedCookieHeader() {
        return COOKIE + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0";
    }

    /** The headers of every answer. */
    static void secure(Headers response) {
        response.set("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; "
                + "img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
        response.set("X-Frame-Options", "DENY");
        response.set("Referrer-Policy", "no-referrer");
        response.set("X-Content-Type-Options", "nosniff");
        response.set("Cache-Control", "no-store");
    }
}
