package io.authsome.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The picocli command line the console builds from a command's properties, and its subcommands. */
class SubcommandsTest {
    private final GlobalOptions global = new GlobalOptions();
    private final SampleCommands.Group group = new SampleCommands.Group();
    private final CommandLine commandLine = CommandInstance.commandLine(group, SampleCommands.Group.INFO, global);

    @Test
    void theNameAndDescriptionComeFromTheProperties() {
        String usage = commandLine.getUsageMessage(CommandLine.Help.Ansi.OFF);
        assertTrue(usage.startsWith("Usage: sample [-h] [--json]"), usage);
        assertTrue(usage.contains("\nDo a sample thing, in two lines.\nThe second line.\n"), usage);
        assertTrue(usage.contains("Commands:\n  go    Go.\n  stop  Stop.\n"), usage);
        assertEquals("sample", commandLine.getCommandName());
    }

    @Test
    void aCommandWithoutPicocliAnnotationsIsNamedToo() throws AuthsomeException {
        CommandLine bare = CommandInstance.commandLine(new SampleCommands.Bare(),
                new CommandRegistry.CommandInfo("bare", "Bare", List.of("Bare.")), global);
        bare.parseArgs("--json");
        assertTrue(global.json);
        assertTrue(bare.getUsageMessage(CommandLine.Help.Ansi.OFF).startsWith("Usage: bare [-h]"));
        assertInstanceOf(SampleCommands.Bare.class, Subcommands.target(bare));
    }

    @Test
    void theChosenSubcommandRunsWithItsOptionsAndTheGlobalOnes() throws AuthsomeException {
        commandLine.parseArgs("--quiet", "go", "--fast", "--json");
        SampleCommands.Group.Go go = assertInstanceOf(SampleCommands.Group.Go.class, Subcommands.target(commandLine));
        assertTrue(go.fast);
        assertSame(group, go.parent);
        assertTrue(global.json);
        assertTrue(global.quiet);
        assertEquals("go", Subcommands.invoked(commandLine).getCommandName());
    }

    @Test
    void actionsAreCaseInsensitiveAsTheEnumsWere() throws AuthsomeException {
        commandLine.parseArgs("STOP", "now");
        assertEquals("now", assertInstanceOf(SampleCommands.Group.Stop.class, Subcommands.target(commandLine)).what);
    }

    @Test
    void helpOfASubcommandIsItsOwnUsage() {
        commandLine.parseArgs("stop", "--help");
        assertTrue(global.help);
        String usage = Subcommands.invoked(commandLine).getUsageMessage(CommandLine.Help.Ansi.OFF);
        assertTrue(usage.startsWith("Usage: sample stop [-h]"), usage);
        assertTrue(usage.contains("<what>"), usage);
    }

    @Test
    void noActionIsAUsageErrorNamingTheActions() {
        commandLine.parseArgs("--json");
        AuthsomeException e = assertThrows(AuthsomeException.class, () -> Subcommands.target(commandLine));
        assertEquals(ErrorCode.USAGE, e.code());
        assertEquals("sample needs an action: go, stop", e.getMessage());
        assertEquals("authsome help sample", e.nextStep());
        assertEquals(List.of("go", "stop"), Subcommands.names(commandLine));
    }

    @Test
    void aMistakeInAnActionsArgumentsPointsToTheActionsOwnHelp() {
        CommandLine.ParameterException missing = assertThrows(CommandLine.ParameterException.class,
                () -> commandLine.parseArgs("stop"));
        assertTrue(missing.getMessage().contains("<what>"), missing.getMessage());
        assertEquals("authsome sample stop --help", Subcommands.help(missing.getCommandLine()));
        CommandLine.ParameterException unknown = assertThrows(CommandLine.ParameterException.class,
                () -> commandLine.parseArgs("--nope"));
        assertEquals("authsome help sample", Subcommands.help(unknown.getCommandLine()));
    }

    @Test
    void anUnknownActionIsNamedWithTheActionsOrTheClosestOne() {
        CommandLine.ParameterException unknown = assertThrows(CommandLine.ParameterException.class,
                () -> commandLine.parseArgs("fly"));
        assertEquals("unknown sample action 'fly' (one of: go, stop)", Subcommands.message(unknown));
        CommandLine.ParameterException typo = assertThrows(CommandLine.ParameterException.class,
                () -> CommandInstance.commandLine(new SampleCommands.Group(), SampleCommands.Group.INFO,
                        new GlobalOptions()).parseArgs("stpo", "now"));
        assertEquals("unknown sample action 'stpo' (did you mean stop?)", Subcommands.message(typo));
    }

    @Test
    void otherUsageErrorsKeepPicocliMessages() {
        CommandLine.ParameterException extra = assertThrows(CommandLine.ParameterException.class,
                () -> commandLine.parseArgs("go", "far"));
        assertEquals(extra.getMessage(), Subcommands.message(extra));
        CommandLine.ParameterException missing = assertThrows(CommandLine.ParameterException.class,
                () -> CommandInstance.commandLine(new SampleCommands.Group(), SampleCommands.Group.INFO,
                        new GlobalOptions()).parseArgs("stop"));
        assertTrue(Subcommands.message(missing).startsWith("Missing required parameter"), Subcommands.message(missing));
    }
}
