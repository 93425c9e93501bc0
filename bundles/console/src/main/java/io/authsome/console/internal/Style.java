package io.authsome.console.internal;

/** ANSI styling of human output: on for terminals, off with --no-color, NO_COLOR or a pipe. */
enum Style {
    PLAIN, ANSI;

    static Style choose(boolean noColor, Terminal io) {
        boolean wanted = !noColor && io.interactive() && io.environment().get("NO_COLOR") == null
                && !"dumb".equals(io.environment().get("TERM"));
        return wanted ? ANSI : PLAIN;
    }

    String bold(String text) {
        return wrap("1", text);
    }

    String red(String text) {
        return wrap("31", text);
    }

    String yellow(String text) {
        return wrap("33", text);
    }

    String green(String text) {
        return wrap("32", text);
    }

    String dim(String text) {
        return wrap("2", text);
    }

    /** Colours the words that carry a verdict (OK, WARN, FAIL, connection states); others stay plain. */
    String verdict(String cell) {
        return switch (cell) {
            case "OK", "connected" -> green(cell);
            case "WARN", "expired", "configured" -> yellow(cell);
            case "FAIL", "invalid", "failed" -> red(cell);
            default -> cell;
        };
    }

    private String wrap(String code, String text) {
        return this == ANSI ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
    }
}
