package io.authsome.api.command;

import io.authsome.api.AuthsomeException;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A console command, found on the whiteboard. The implementation class carries picocli
 * annotations ({@code @Option}, {@code @Parameters}) for its own arguments; the console adds the
 * global options, parses the arguments into a fresh instance, then calls
 * {@link #execute(CommandContext)}.
 * <p>
 * Register it with {@code scope = PROTOTYPE} (one instance per invocation, so option fields
 * never leak between commands of a script) and declare it with {@link CommandSpec}, which gives
 * the service properties {@value #NAME}, {@value #SUMMARY}, {@value #DESCRIPTION} and
 * {@value #SECRETS}. The console reads those properties for help and completion without
 * activating the command, so a command is activated only when it runs, and gives the name and
 * the description to picocli.
 * <p>
 * A command with actions ({@code vault rekey}, {@code profile create <name>}) declares them as
 * picocli subcommands ({@code @Command(subcommands = ...)} on the command class): the console
 * parses the action and its own options, and executes the subcommand instance the arguments
 * chose when it is itself an {@code AuthsomeCommand} (it reaches the command's references with
 * picocli's {@code @ParentCommand}); a command with subcommands run without one is a usage
 * error.
 * <p>
 * A command does no rendering: it returns data and lets the console print it as text or JSON.
 */
@ConsumerType
public interface AuthsomeCommand {
    /** Service property: the command name typed by the user ({@link CommandSpec#name()}). */
    String NAME = "authsome.command.name";
    /** Service property: one line for {@code help} ({@link CommandSpec#summary()}). */
    String SUMMARY = "authsome.command.summary";
    /**
     * Service property: the lines under the usage line of {@code --help}; absent: the summary, as
     * a sentence.
     *
     * @since 3.1
     */
    String DESCRIPTION = "authsome.command.description";
    /**
     * Service property: when an invocation reveals or changes a secret, so that the console
     * refuses it to a process started inside an {@code authsome run} child (an ancestor process with the {@code authsome-run} marker).
     * {@value #SECRETS_ALWAYS} for every invocation; otherwise one or more option names (such as
     * {@code --show-secret}, of the command or of its subcommand) or action words (the subcommand
     * name, or else the first parameter, such as {@code delete} of {@code profile delete}), any of
     * which makes the invocation one. Absent: never.
     */
    String SECRETS = "authsome.command.secrets";
    /** {@link #SECRETS} value: every invocation of the command reveals or changes a secret. */
    String SECRETS_ALWAYS = "always";

    /**
     * Runs the command once.
     *
     * @throws AuthsomeException for a failure the user can act on; its code is the exit code
     */
    CommandResult execute(CommandContext context) throws AuthsomeException;
}
