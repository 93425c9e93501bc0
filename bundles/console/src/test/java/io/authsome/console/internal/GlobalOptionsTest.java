package io.authsome.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** Global options mixed into a command parse before and after the command's own arguments. */
class GlobalOptionsTest {
    @Command(name = "sample")
    static final class Sample {
        @Parameters(paramLabel = "<provider>")
        String provider;

        @Option(names = "--force")
        boolean force;
    }

    private final Sample sample = new Sample();
    private final GlobalOptions global = new GlobalOptions();
    private final CommandLine commandLine = CommandInstance.commandLine(sample,
            new CommandRegistry.CommandInfo("sample", "A sample", List.of("A sample.")), global);

    @Test
    void globalOptionsAnywhereOnTheLine() {
        commandLine.parseArgs("--json", "github", "--profile", "work", "--force", "--quiet");
        assertTrue(global.json);
        assertTrue(global.quiet);
        assertEquals("work", global.profile);
        assertEquals("github", sample.provider);
        assertTrue(sample.force);
        assertFalse(global.verbose);
    }

    @Test
    void unknownOptionIsAParameterException() {
        CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class,
                () -> commandLine.parseArgs("github", "--bogus"));
        assertTrue(e.getMessage().contains("--bogus"), e.getMessage());
    }

    @Test
    void missingPositionalIsAParameterException() {
        assertThrows(CommandLine.MissingParameterException.class, () -> commandLine.parseArgs("--json"));
    }

    @Test
    void optionsAreHandedDownToScriptLines() {
        commandLine.parseArgs("github", "--json", "--no-color", "--profile", "p");
        assertEquals(List.of("--json", "--no-color", "--profile", "p"), global.asArguments());
    }

    @Test
    void usageListsTheGlobalOptions() {
        String usage = commandLine.getUsageMessage(CommandLine.Help.Ansi.OFF);
        assertTrue(usage.contains("--json") && usage.contains("--profile=NAME") && usage.contains("<provider>"), usage);
    }
}
