package io.authsome.console.internal;

import io.authsome.api.command.AuthsomeCommand;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.osgi.framework.ServiceObjects;
import org.osgi.framework.ServiceReference;
import picocli.CommandLine;

/**
 * One activated command for one invocation, with the picocli command line that parses into it
 * (and into its subcommands) and the global options mixed in. Releases the instance on close.
 */
final class CommandInstance implements AutoCloseable {
    private final ServiceObjects<AuthsomeCommand> objects;
    private final ServiceReference<AuthsomeCommand> reference;
    private final AuthsomeCommand command;
    private final GlobalOptions global = new GlobalOptions();
    private final CommandLine commandLine;

    private CommandInstance(ServiceObjects<AuthsomeCommand> objects, ServiceReference<AuthsomeCommand> reference,
                            AuthsomeCommand command, CommandRegistry.CommandInfo info) {
        this.objects = objects;
        this.reference = reference;
        this.command = command;
        this.commandLine = commandLine(command, info, global);
    }

    /**
     * A picocli command line that parses into {@code command} and its subcommands, and into
     * {@code global} for the global options, named and described as {@code info} declares: the
     * command's own picocli annotations name it nowhere.
     */
    static CommandLine commandLine(Object command, CommandRegistry.CommandInfo info, GlobalOptions global) {
        CommandLine commandLine = new CommandLine(CommandLine.Model.CommandSpec.forAnnotatedObjectLenient(command));
        commandLine.getCommandSpec().name(info.name());
        commandLine.getCommandSpec().usageMessage().description(info.description().toArray(String[]::new));
        addGlobal(commandLine, global, Collections.newSetFromMap(new IdentityHashMap<>()));
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setSubcommandsCaseInsensitive(true);
        return commandLine;
    }

    /** The global options at every level, so that they may follow a subcommand too. */
    private static void addGlobal(CommandLine commandLine, GlobalOptions global, Set<CommandLine> done) {
        if (done.add(commandLine)) {
            commandLine.addMixin("global", global);
            commandLine.getSubcommands().values().forEach(sub -> addGlobal(sub, global, done));
        }
    }

    /** Activates the command behind {@code reference}; {@code null} if it went away meanwhile. */
    static CommandInstance open(CommandRegistry registry, ServiceReference<AuthsomeCommand> reference) {
        CommandRegistry.CommandInfo info = CommandRegistry.CommandInfo.of(reference).orElse(null);
        ServiceObjects<AuthsomeCommand> objects = info == null ? null : registry.context().getServiceObjects(reference);
        AuthsomeCommand command = objects == null ? null : objects.getService();
        if (command == null) {
            return null;
        }
        return new CommandInstance(objects, reference, command, info);
    }

    /** A service property of the command, such as {@link AuthsomeCommand#SECRETS}. */
    Object property(String key) {
        return reference.getProperty(key);
    }

    GlobalOptions global() {
        return global;
    }

    CommandLine commandLine() {
        return commandLine;
    }

    /** The command or subcommand the parsed arguments chose; the command before parsing. */
    CommandLine invoked() {
        return Subcommands.invoked(commandLine);
    }

    /** The usage of the command or subcommand the arguments chose. */
    String usage() {
        return invoked().getUsageMessage(CommandLine.Help.Ansi.OFF);
    }

    @Override
    public void close() {
        try {
            objects.ungetService(command);
        } catch (IllegalStateException | IllegalArgumentException stopped) {
            // The command's bundle stopped while it ran; nothing left to release.
        }
    }
}
