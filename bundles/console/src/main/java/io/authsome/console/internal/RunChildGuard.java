package io.authsome.console.internal;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.audit.AuditEvent;
import io.authsome.api.audit.AuditLog;
import io.authsome.api.command.AuthsomeCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import picocli.CommandLine;

/**
 * Refuses, to a process started inside an {@code authsome run} child, every invocation that
 * reveals or changes a secret, as its command declares with the service property
 * {@link AuthsomeCommand#SECRETS}. The agent behind the proxy may list, read metadata and nest a
 * run; it may not export, show, store or delete a credential. Each refusal is audited.
 */
final class RunChildGuard {
    /** The audit event of a refusal. */
    static final String EVENT = "not_allowed_in_run";

    private final Consumer<AuditEvent> audit;
    private final Supplier<Optional<Person.Confinement>> confinement;

    /**
     * @param audit       records a refusal
     * @param confinement why the caller may not touch a secret, if it may not (see {@link Person#confinement()})
     */
    RunChildGuard(Consumer<AuditEvent> audit, Supplier<Optional<Person.Confinement>> confinement) {
        this.audit = audit;
        this.confinement = confinement;
    }

    /** The guard of one invocation by {@code person}, auditing to the framework's audit log. */
    static RunChildGuard of(BundleContext context, Person person) {
        return new RunChildGuard(event -> audit(context, event), person::confinement);
    }

    /**
     * @param secrets the command's {@link AuthsomeCommand#SECRETS} property ({@code null}, a string or strings)
     * @param parsed  the invocation, parsed
     * @throws AuthsomeException {@code NOT_ALLOWED} when the invocation touches a secret inside a run
     */
    void check(String name, Object secrets, CommandLine.ParseResult parsed, String profile) throws AuthsomeException {
        if (!touchesSecrets(secrets, parsed)) {
            return;
        }
        Optional<Person.Confinement> confined = confinement.get();
        if (confined.isEmpty()) {
            return;
        }
        AuditEvent refusal = AuditEvent.of(EVENT, profile, null, null, "refused").with("command", name);
        audit.accept(confined.get().runPid() != null ? refusal.with("run_pid", confined.get().runPid())
                : refusal.with("caller", confined.get().where()));
        throw new AuthsomeException(ErrorCode.NOT_ALLOWED, "'authsome " + name + "' is not allowed "
                + confined.get().where() + ": a program behind the proxy may not reveal or change a secret",
                confined.get().runPid() != null
                        ? "ask the person to run 'authsome " + name + "' in their own terminal, outside 'authsome run'"
                        : "ask the person to run 'authsome " + name + "' in their own terminal, as the user the daemon"
                                + " runs as");
    }

    /**
     * Whether the invocation reveals or changes a secret, by the command's {@link AuthsomeCommand#SECRETS}
     * property: an option matched at any level (the command or its subcommand), or an action word,
     * which is the name of a subcommand chosen, or the first parameter of a command without subcommands.
     */
    static boolean touchesSecrets(Object secrets, CommandLine.ParseResult parsed) {
        List<String> actions = actions(parsed);
        for (String value : PropertyValues.strings(secrets)) {
            if (value.equals(AuthsomeCommand.SECRETS_ALWAYS)
                    || value.startsWith("-") && matchesOption(parsed, value)
                    || !value.startsWith("-") && actions.contains(value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesOption(CommandLine.ParseResult parsed, String option) {
        for (CommandLine.ParseResult level = parsed; level != null; level = level.subcommand()) {
            if (level.hasMatchedOption(option)) {
                return true;
            }
        }
        return false;
    }

    /** The subcommand names chosen (canonical, whatever their case on the command line), else the first parameter. */
    private static List<String> actions(CommandLine.ParseResult parsed) {
        if (parsed.hasSubcommand()) {
            List<String> names = new ArrayList<>();
            for (CommandLine.ParseResult level = parsed.subcommand(); level != null; level = level.subcommand()) {
                names.add(level.commandSpec().name());
            }
            return names;
        }
        CommandLine.Model.PositionalParamSpec first = parsed.matchedPositional(0);
        return first == null || first.originalStringValues().isEmpty() ? List.of()
                : List.of(first.originalStringValues().get(0));
    }


    /** The audit log is looked up only for a refusal, so that no other command activates it. */
    private static void audit(BundleContext context, AuditEvent event) {
        ServiceReference<AuditLog> reference = context.getServiceReference(AuditLog.class);
        AuditLog log = reference == null ? null : context.getService(reference);
        if (log != null) {
            try {
                log.record(event);
            } finally {
                context.ungetService(reference);
            }
        }
    }
}
