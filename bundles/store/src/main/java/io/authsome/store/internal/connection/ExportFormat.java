package io.authsome.store.internal.connection;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.common.json.Json;
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
    /**
     * {@code NAME='value'}, which bash ({@code set -a; . ./.env}), python-dotenv and
     * {@code node --env-file} all read back unchanged; a value one of them would change is refused.
     */
    DOTENV;

    private static final Pattern NEWLINE = Pattern.compile("[\r\n]");
    /** What python-dotenv expands, even between single quotes: {@code ${NAME}}, {@code ${NAME:-default}}. */
    private static final Pattern PYTHON_DOTENV_EXPANSION = Pattern.compile("\\$\\{[^}]*}");
    /** A value the three readers all take literally between double quotes: nothing that escapes or expands. */
    private static final Pattern DOUBLE_QUOTE_LITERAL = Pattern.compile("[^\"\\\\$`\r\n]*");

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
            case DOTENV -> name + "=" + dotenvQuote(name, value);
            case JSON -> throw new IllegalStateException("JSON is rendered whole");
        };
    }

    /** POSIX single quotes: everything literal; a single quote is closed, escaped and reopened. */
    static String shellQuote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    /**
     * Single quotes: bash takes everything up to the next one literally, line breaks included,
     * and so do python-dotenv and node, except for the few things refused here. A value with a
     * single quote is double-quoted only when it holds nothing that any of them would escape or
     * expand there (no double quote, backslash, {@code $}, backtick or line break): bash runs
     * backticks and {@code $(...)} between double quotes, and the readers disagree on escapes.
     *
     * @throws AuthsomeException {@code INVALID_INPUT} naming the variable (never the value) when
     *                           one of the readers would not read the value back unchanged
     */
    static String dotenvQuote(String name, String value) throws AuthsomeException {
        if (value.indexOf('\'') >= 0 && DOUBLE_QUOTE_LITERAL.matcher(value).matches()) {
            return "\"" + value + "\"";
        }
        String problem = dotenvProblem(value);
        if (problem != null) {
            throw new AuthsomeException(ErrorCode.INVALID_INPUT, "the value of " + name + " has " + problem
                    + ", so no .env form is read back unchanged by bash, python-dotenv and node alike",
                    "use --format json or --format shell");
        }
        return "'" + value + "'";
    }

    private static String dotenvProblem(String value) {
        if (value.indexOf('\'') >= 0) {
            return "a single quote together with a double quote, a backslash, $, a backtick or a line break";
        }
        if (value.indexOf('\r') >= 0) {
            return "a carriage return, which python-dotenv reads as a line feed and node drops";
        }
        if (value.contains("\\\\")) {
            return "two backslashes in a row, which python-dotenv reads as one";
        }
        if (value.endsWith("\\")) {
            return "a backslash at the end, which python-dotenv reads as escaping the closing quote";
        }
        if (PYTHON_DOTENV_EXPANSION.matcher(value).find()) {
            return "${...}, which python-dotenv expands";
        }
        return null;
    }
}
