package io.authsome.api.command;

import java.util.List;

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
    public CommandResult {
        blocks = List.copyOf(blocks);
    }

    public static CommandResult of(Object data, Block... blocks) {
        return new CommandResult(data, List.of(blocks), 0);
    }

    public CommandResult withExitCode(int code) {
        return new CommandResult(data, blocks, code);
    }
}
