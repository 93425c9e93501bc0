package io.authsome.ui.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A request that passed the {@link Guard}: a {@code GET} (or {@code HEAD}) of a page, or a
 * {@code POST} whose {@code Origin} and CSRF token were checked.
 *
 * @param method   {@code GET}, {@code HEAD} or {@code POST}
 * @param path     the path, decoded
 * @param segments the path's segments, without the empty first one ({@code /providers/openai}:
 *                 {@code providers}, {@code openai})
 * @param query    the query's parameters, decoded (first value of each)
 * @param form     a POST's form fields, decoded (first value of each); empty for a GET
 * @param session  the signed-in browser
 */
record Request(String method, String path, List<String> segments, Map<String, String> query,
               Map<String, String> form, SignIns.Session session) {
    Request(String method, String path, Map<String, String> query, Map<String, String> form,
            SignIns.Session session) {
        this(method, path, Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList(), query, form, session);
    }

    boolean isPost() {
        return method.equals("POST");
    }

    /** Segment {@code index}, or {@code ""} when the path is shorter. */
    String segment(int index) {
        return index < segments.size() ? segments.get(index) : "";
    }

    /** Without the form's values (a key typed into a login's form) or the session's tokens. */
    @Override
    public String toString() {
        return "Request[" + method + " " + path + ", form fields " + form.keySet() + "]";
    }

    /** The session's CSRF token, which every form of the page posts back. */
    String csrf() {
        return session.csrf();
    }
}
