package io.authsome.commands.internal;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.json.Json;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How {@code export} writes variables. Every format round-trips any value exactly through the
 * consumer it is meant for; a value a format cannot carry is refused, never mangled.
 */
enum ExportFormat {
    /** {@code NAME=value}, raw, for {@code docker --env-file} and the like: no quoting, so no newlines. */
    ENV,
    /** {@code export NAME='value'} for {@code eval} in POSIX shells. */
    SHELL,
    /** One JSON object. */
    JSON,
    /** {@code NAME='value'} (or double-quoted with escapes) for .env readers. */
    DOTENV;

    private static final Pattern NEWLINE = Pattern.compile("[\r\n]");

    String render(Map<String, String> variables) throws AuthsomeException {
        if (this == JSON) {
            return Json.write(variables);
        }
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> variable : variables.entrySet()) {
            out.append(line(variable.getKey(), variable.getValue())).append('\n');
        }
        return out.toString();
    }

    private String line(String name, String value) throws AuthsomeException {
        return switch (this) {
            case ENV -> {
                if (NEWLINE.matcher(value).find()) {
                    throw new AuthsomeException(ErrorCode.INVALID_INPUT, "the value of " + name
                            + " has a line break, which the env format cannot carry", "use --format shell, json or dotenv");
                }
                yield name + "=" + value;
            }
            case SHELL -> "export " + name + "=" + shellQuote(value);
            case DOTENV -> name + "=" + dotenvQuote(value);
            case JSON -> throw new IllegalStateException("JSON is rendered whole");
        };
    }

    /** POSIX single quotes: everything literal; a single quote is closed, escaped and reopened. */
    static String shellQuote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    /**
     * Single quotes are literal to every .env reader; a value with a single quote or a line break
     * is double-quoted with backslash escapes instead.
     */
    static String dotenvQuote(String value) {
        if (value.indexOf('\'') < 0 && !NEWLINE.matcher(value).find()) {
            return "'" + value + "'";
        }
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r")
                .replace("$", "\\$") + "\"";
    }
}
