package io.authsome.proxy.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/** Request paths as servers resolve them, for routing. */
final class Paths {
    private Paths() {
    }

    /**
     * {@code path} with its {@code .} and {@code ..} segments resolved (RFC 3986 section 5.2.4),
     * counting {@code %2e} as a dot; other characters stay as they are.
     */
    static String withoutDotSegments(String path) {
        if (!path.contains(".") && !path.toLowerCase(Locale.ROOT).contains("%2e")) {
            return path;
        }
        Deque<String> kept = new ArrayDeque<>();
        String[] segments = path.split("/", -1);
        for (int i = 1; i < segments.length; i++) {
            String segment = segments[i].toLowerCase(Locale.ROOT).replace("%2e", ".");
            boolean last = i == segments.length - 1;
            if (segment.equals(".")) {
                if (last) {
                    kept.addLast("");
                }
            } else if (segment.equals("..")) {
                kept.pollLast();
                if (last) {
                    kept.addLast("");
                }
            } else {
                kept.addLast(segments[i]);
            }
        }
        return "/" + String.join("/", kept);
    }
}
