package io.authsome.console.internal;

/**
 * Text from outside (provider definitions, file names, server messages) made safe for a
 * terminal: control characters, which could move the cursor, retitle the window or hide what
 * follows, and the invisible marks that reorder a line are shown as backslash escapes
 * ({@code \x1b}, or a u and four hex digits above U+00FF) instead of being sent raw.
 */
final class Printable {
    private Printable() {
    }

    /** For text blocks and messages: line breaks and tabs stay, as the text's own layout. */
    static String text(String value) {
        return escape(value, true);
    }

    /** For one table cell: a line break would break the table, so it is escaped too. */
    static String cell(String value) {
        return escape(value, false);
    }

    private static String escape(String value, boolean keepLayout) {
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean layout = keepLayout && (c == '\n' || c == '\t');
            String escaped = layout ? null : escapeOf(c);
            if (escaped != null && out == null) {
                out = new StringBuilder(value.length() + 8).append(value, 0, i);
            }
            if (out != null) {
                out.append(escaped != null ? escaped : String.valueOf(c));
            }
        }
        return out == null ? value : out.toString();
    }

    private static String escapeOf(char c) {
        if (Character.isISOControl(c)) {
            return c < 0x100 ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c);
        }
        boolean reordering = (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069')
                || c == '\u200e' || c == '\u200f' || c == '\u061c' || c == '\u2028' || c == '\u2029';
        return reordering ? String.format("\\u%04x", (int) c) : null;
    }
}
