package io.authsome.console.internal;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.command.AuthsomeCommand;
import io.authsome.common.text.Suggestions;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;

/**
 * The actions of a command ({@code vault rekey}, {@code profile create}), which are picocli
 * subcommands: which one the arguments chose, what runs, and the usage errors about them.
 */
final class Subcommands {
    private Subcommands() {
    }

    /** The command or subcommand the parsed arguments chose; {@code commandLine} itself before parsing. */
    static CommandLine invoked(CommandLine commandLine) {
        CommandLine.ParseResult parsed = commandLine.getParseResult();
        if (parsed == null) {
            return commandLine;
        }
        while (parsed.hasSubcommand()) {
            parsed = parsed.subcommand();
        }
        return parsed.commandSpec().commandLine();
    }

    /** The action names of {@code commandLine}, as declared; none for a command without actions. */
    static List<String> names(CommandLine commandLine) {
        return commandLine.getSubcommands().values().stream().map(CommandLine::getCommandName).distinct().toList();
    }

    /**
     * What runs for the parsed arguments: the subcommand they chose when it is an
     * {@link AuthsomeCommand}, else the nearest command above it that is one.
     *
     * @throws AuthsomeException {@code USAGE} when the arguments stop at a command that has actions
     *                           and does not {@linkplain RunsWithoutAction run without one}
     */
    static AuthsomeCommand target(CommandLine commandLine) throws AuthsomeException {
        CommandLine invoked = invoked(commandLine);
        if (!invoked.getSubcommands().isEmpty() && !runsWithoutAction(invoked)) {
            throw new AuthsomeException(ErrorCode.USAGE, qualified(invoked) + " needs an action: "
                    + String.join(", ", names(invoked)), help(invoked));
        }
        for (CommandLine line = invoked; line != null; line = line.getParent()) {
            if (line.getCommandSpec().userObject() instanceof AuthsomeCommand command) {
                return command;
            }
        }
        throw new IllegalStateException(qualified(invoked) + " is not a command");
    }

    private static boolean runsWithoutAction(CommandLine line) {
        Object command = line.getCommandSpec().userObject();
        return command != null && command.getClass().isAnnotationPresent(RunsWithoutAction.class);
    }

    /** The message of a usage error; an unknown action is named as one, with the actions there are. */
    static String message(CommandLine.ParameterException e) {
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            CommandLine line = unmatched.getCommandLine();
            String word = unmatched.getUnmatched().get(0);
            CommandLine.ParseResult parsed = line.getParseResult();
            boolean actionPosition = parsed == null || !parsed.hasSubcommand();
            if (!line.getSubcommands().isEmpty() && !word.startsWith("-") && actionPosition) {
                List<String> names = names(line);
                List<String> close = Suggestions.closest(word.toLowerCase(Locale.ROOT), names, 3);
                return "unknown " + qualified(line) + " action '" + word + "' (" + (close.isEmpty()
                        ? "one of: " + String.join(", ", names) : "did you mean " + String.join(", ", close) + "?") + ")";
            }
        }
        return e.getMessage();
    }

    /**
     * The command that shows how to use {@code line}: {@code authsome help <command>} for a
     * command, {@code authsome <command> <action> --help} for one of its actions, which
     * {@code help} does not take.
     */
    static String help(CommandLine line) {
        return line.getParent() == null ? "authsome help " + line.getCommandName()
                : "authsome " + qualified(line) + " --help";
    }

    private static String qualified(CommandLine line) {
        return line.getCommandSpec().qualifiedName(" ");
    }
}
