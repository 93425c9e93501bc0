package io.authsome.console.internal;

import io.authsome.api.command.AuthsomeCommand;
import org.osgi.framework.ServiceObjects;
import org.osgi.framework.ServiceReference;
import picocli.CommandLine;

/**
 * One activated command for one invocation, with the picocli command line that parses into it
 * and the global options mixed in. Releases the instance on close.
 */
final class CommandInstance implements AutoCloseable {
    private final ServiceObjects<AuthsomeCommand> objects;
    private final ServiceReference<AuthsomeCommand> reference;
    private final AuthsomeCommand command;
    private final GlobalOptions global = new GlobalOptions();
    private final CommandLine commandLine;

    private CommandInstance(ServiceObjects<AuthsomeCommand> objects, ServiceReference<AuthsomeCommand> reference,
                            AuthsomeCommand command, String name) {
        this.objects = objects;
        this.reference = reference;
        this.command = command;
        this.commandLine = commandLine(command, name, global);
    }

    /** A picocli command line that parses into {@code command}, and into {@code global} for the global options. */
    static CommandLine commandLine(Object command, String name, GlobalOptions global) {
        CommandLine commandLine = new CommandLine(command);
        commandLine.addMixin("global", global);
        commandLine.getCommandSpec().name(name);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        return commandLine;
    }

    /** Activates the command behind {@code reference}; {@code null} if it went away meanwhile. */
    static CommandInstance open(CommandRegistry registry, ServiceReference<AuthsomeCommand> reference, String name) {
        ServiceObjects<AuthsomeCommand> objects = registry.context().getServiceObjects(reference);
        AuthsomeCommand command = objects == null ? null : objects.getService();
        if (command == null) {
            return null;
        }
        return new CommandInstance(objects, reference, command, name);
    }

    AuthsomeCommand command() {
        return command;
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

    String usage() {
        return commandLine.getUsageMessage(CommandLine.Help.Ansi.OFF);
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
