package io.authsome.console.internal;

import io.authsome.api.command.AuthsomeCommand;
import io.authsome.api.command.CommandContext;
import io.authsome.api.command.CommandResult;
import io.authsome.api.command.Text;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** Commands shaped as authsome's are, for the console's tests: named only by their properties. */
final class SampleCommands {
    private SampleCommands() {
    }

    /** {@code sample go [--fast]|stop <what>}: a command whose actions are subcommands. */
    @Command(subcommands = {Group.Go.class, Group.Stop.class})
    static final class Group implements AuthsomeCommand {
        static final CommandRegistry.CommandInfo INFO = new CommandRegistry.CommandInfo("sample", "Do a sample thing",
                List.of("Do a sample thing, in two lines.", "The second line."));

        final String greeting = "hello";

        @Override
        public CommandResult execute(CommandContext context) {
            throw new AssertionError("a group does not run");
        }

        @Command(name = "go", description = "Go.")
        static final class Go implements AuthsomeCommand {
            @ParentCommand
            Group parent;

            @Option(names = "--fast")
            boolean fast;

            @Override
            public CommandResult execute(CommandContext context) {
                return CommandResult.of(parent.greeting, new Text(parent.greeting));
            }
        }

        @Command(name = "stop", description = "Stop.")
        static final class Stop implements AuthsomeCommand {
            @Parameters(paramLabel = "<what>")
            String what;

            @Override
            public CommandResult execute(CommandContext context) {
                return CommandResult.of(what);
            }
        }
    }

    /** A command with no argument and so no picocli annotation at all, as {@code version}. */
    static final class Bare implements AuthsomeCommand {
        @Override
        public CommandResult execute(CommandContext context) {
            return CommandResult.of("bare");
        }
    }
}
