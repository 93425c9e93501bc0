package io.authsome.api.command;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a command returns: the data printed with {@code --json}, and the blocks printed for
 * people otherwise.
 *
 * @param data     a JSON value built from maps, lists, strings, numbers, booleans and null
 * @param blocks   the human-readable view
 * @param exitCode the process exit code; 0 unless the command reports a failed state that is
 *                 still a result (a doctor run with failures)
 */
public record CommandResult(Object data, List<Block> blocks, int exitCode) {
    /**
     * The version of the {@code --json} format, carried as {@code "v"} by every JSON document
     * authsome prints, so scripts can tell a format change.
     *
     * @since 1.1
     */
    public static final int FORMAT_VERSION = 1;

    /**
     * {@code data} as a printed JSON document: an object gets {@code "v"} first; any other value
     * is wrapped as {@code {"v": 1, "result": data}}.
     *
     * @since 1.1
     */
    public static Map<String, Object> versioned(Object data) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("v", FORMAT_VERSION);
        if (data instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                if (!"v".equals(key)) {
                    document.put(String.valueOf(key), value);
                }
            });
        } else {
            document.put("result", data);
        }
        return document;
    }

    public CommandResult {
        blocks = List.copyOf(blocks);
    }

    /** A successful result (exit code 0). */
    public static CommandResult of(Object data, Block... blocks) {
        return new CommandResult(data, List.of(blocks), 0);
    }

    /** This result with another exit code, for a failed state that is still a result. */
    public CommandResult withExitCode(int code) {
        return new CommandResult(data, blocks, code);
    }
}
