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
 * The commands on the whiteboard, read from the service properties that
 * {@link io.authsome.api.command.CommandSpec} declares: listing and looking up a command does not
 * activate it. Thread-safe.
 */
final class CommandRegistry {
    /**
     * A command as {@code help} lists it and as picocli describes it.
     *
     * @param description the lines under the usage line of its {@code --help}: its description, or else its
     *                    summary as a sentence
     */
    record CommandInfo(String name, String summary, List<String> description) {
        CommandInfo {
            description = List.copyOf(description);
        }

        /** The command declared by the service properties of {@code reference}; empty without a name. */
        static Optional<CommandInfo> of(ServiceReference<?> reference) {
            if (!(reference.getProperty(AuthsomeCommand.NAME) instanceof String name)) {
                return Optional.empty();
            }
            String summary = reference.getProperty(AuthsomeCommand.SUMMARY) instanceof String s ? s : "";
            List<String> description = PropertyValues.strings(reference.getProperty(AuthsomeCommand.DESCRIPTION));
            return Optional.of(new CommandInfo(name, summary, description.isEmpty() ? List.of(sentence(summary)) : description));
        }

        /** A summary (written without a final period, for the {@code help} table) as a sentence. */
        static String sentence(String summary) {
            return summary.isEmpty() || summary.matches(".*[.!?]") ? summary : summary + ".";
        }
    }

    private final BundleContext context;

    CommandRegistry(BundleContext context) {
        this.context = context;
    }

    List<CommandInfo> commands() {
        List<CommandInfo> commands = new ArrayList<>();
        for (ServiceReference<AuthsomeCommand> reference : references(null)) {
            CommandInfo.of(reference).filter(info -> commands.stream().noneMatch(c -> c.name().equals(info.name())))
                    .ifPresent(commands::add);
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
