package io.authsome.console.internal;

import io.authsome.api.command.AuthsomeCommand;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * The commands on the whiteboard, read from service properties only: listing and looking up a
 * command does not activate it. Thread-safe.
 */
final class CommandRegistry {
    /** A command as {@code help} shows it. */
    record CommandInfo(String name, String summary) {
    }

    private final BundleContext context;

    CommandRegistry(BundleContext context) {
        this.context = context;
    }

    List<CommandInfo> commands() {
        List<CommandInfo> commands = new ArrayList<>();
        for (ServiceReference<AuthsomeCommand> reference : references(null)) {
            Object name = reference.getProperty(AuthsomeCommand.NAME);
            Object summary = reference.getProperty(AuthsomeCommand.SUMMARY);
            if (name instanceof String n && commands.stream().noneMatch(c -> c.name().equals(n))) {
                commands.add(new CommandInfo(n, summary instanceof String s ? s : ""));
            }
        }
        commands.sort(Comparator.comparing(CommandInfo::name));
        return commands;
    }

    List<String> names() {
        return commands().stream().map(CommandInfo::name).toList();
    }

    /** The highest-ranked command registered under {@code name}. */
    Optional<ServiceReference<AuthsomeCommand>> find(String name) {
        if (!name.matches("[a-z][a-z0-9-]*")) {
            return Optional.empty();
        }
        return references("(" + AuthsomeCommand.NAME + "=" + name + ")").stream()
                .max(Comparator.naturalOrder());
    }

    BundleContext context() {
        return context;
    }

    private Collection<ServiceReference<AuthsomeCommand>> references(String filter) {
        try {
            return context.getServiceReferences(AuthsomeCommand.class, filter);
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        } catch (IllegalStateException stopping) {
            return List.of();
        }
    }
}
