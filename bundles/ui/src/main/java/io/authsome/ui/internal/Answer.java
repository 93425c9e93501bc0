package io.authsome.ui.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * One answer of the dashboard: its status, type, body and extra headers; or, for a stream, what
 * writes the body as it comes.
 */
record Answer(int status, String type, byte[] body, Map<String, String> headers, Streamer streamer) {
    /** Writes a body that does not end by itself (server-sent events), on a thread of its own. */
    interface Streamer {
        /** Writes until done, flushing what must reach the page at once; the caller closes {@code out}. */
        void stream(OutputStream out) throws IOException;
    }

    Answer(int status, String type, byte[] body, Map<String, String> headers) {
        this(status, type, body, headers, null);
    }

    static Answer json(String json) {
        return new Answer(200, "application/json", json.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    static Answer stream(String type, Streamer streamer) {
        return new Answer(200, type, new byte[0], Map.of(), streamer);
    }
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
        return new Answer(status, type, body, more, streamer);
    }
}
