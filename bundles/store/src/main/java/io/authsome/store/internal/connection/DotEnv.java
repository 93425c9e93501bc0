package io.authsome.store.internal.connection;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code .env} files the way common .env readers do: {@code NAME=value}, an optional
 * {@code export }, {@code #} comments, single quotes literal, double quotes with backslash
 * escapes, unquoted values trimmed and cut at {@code " #"}.
 */
final class DotEnv {
    /** A variable and the line it was found on. The value may be a secret. */
    record Variable(String value, int line) {
        /** The value may be a secret: never shown. */
        @Override
        public String toString() {
            return "Variable[line " + line + "]";
        }
    }

    private static final Pattern LINE = Pattern.compile("^\\s*(?:export\\s+)?([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*(.*)$");

    private DotEnv() {
    }

    static Map<String, Variable> parse(String text) {
        Map<String, Variable> variables = new LinkedHashMap<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher matcher = LINE.matcher(lines[i]);
            if (!lines[i].stripLeading().startsWith("#") && matcher.matches()) {
                variables.put(matcher.group(1), new Variable(value(matcher.group(2)), i + 1));
            }
        }
        return variables;
    }

    private static String value(String raw) {
        String value = raw.strip();
        if (value.length() >= 2 && value.startsWith("'")) {
            int end = value.indexOf('\'', 1);
            return end > 0 ? value.substring(1, end) : value.substring(1);
        }
        if (value.length() >= 2 && value.startsWith("\"")) {
            StringBuilder out = new StringBuilder();
            for (int i = 1; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '"') {
                    break;
                }
                if (c == '\\' && i + 1 < value.length()) {
                    char next = value.charAt(++i);
                    out.append(switch (next) {
                        case 'n' -> '\n';
                        case 'r' -> '\r';
                        case 't' -> '\t';
                        default -> next;
                    });
                } else {
                    out.append(c);
                }
            }
            return out.toString();
        }
        int comment = value.indexOf(" #");
        return (comment >= 0 ? value.substring(0, comment) : value).strip();
    }
}
