package io.authsome.ui.internal;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** One answer of the dashboard: its status, type, body and extra headers. */
record Answer(int status, String type, byte[] body, Map<String, String> headers) {
    static Answer html(int status, String html) {
        return new Answer(status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** A page that says what went wrong ({@link Pages#problem}). */
    static Answer problem(int status, String title, String message, String next) {
        return html(status, Pages.problem(title, message, next));
    }

    static Answer notFound(String path) {
        return problem(404, "Not found", "There is nothing at " + path + ".", null);
    }

    /** 303 to {@code location}: after a POST, the browser gets the page that says what was done. */
    static Answer redirect(String location) {
        return new Answer(303, "text/plain; charset=utf-8", new byte[0], Map.of("Location", location));
    }

    Answer withHeader(String name, String value) {
        Map<String, String> more = new HashMap<>(headers);
        more.put(name, value);
        return new Answer(status, type, body, more);
    }
}
