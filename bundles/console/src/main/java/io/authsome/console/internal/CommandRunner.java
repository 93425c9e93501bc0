package io.authsome.console.internal;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.command.AuthsomeCommand;
import io.authsome.api.command.CommandResult;
import io.authsome.api.command.Text;
import io.authsome.api.home.HomeLayout;
import io.authsome.common.text.Suggestions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.osgi.framework.ServiceReference;
import picocli.CommandLine;

/**
 * Runs one command line: finds the command on the whiteboard, activates one instance, parses the
 * arguments into it, executes it and renders the result or the error. Returns the exit code.
 */
final class CommandRunner {
    private final CommandRegistry registry;
    private final HomeLayout home;
    private final Terminal io;
    private final Supplier<String> activeProfile;
    private final SecretInput secrets;
    private final RunChildGuard guard;

    /**
     * @param activeProfile the profile used when a command line names none
     * @param secrets       where commands read secrets from
     */
    CommandRunner(CommandRegistry registry, HomeLayout home, Terminal io, Supplier<String> activeProfile,
                  SecretInput secrets) {
        this.registry = registry;
        this.home = home;
        this.io = io;
        this.activeProfile = activeProfile;
        this.secrets = secrets;
        this.guard = RunChildGuard.of(registry.context(), io.person());
    }

    /** Runs {@code args}, whose first non-option argument is the command name. */
    int run(String[] args) {
        Optional<Integer> index = ArgumentSplitter.commandIndex(args);
        boolean json = Arrays.asList(args).contains("--json");
        if (index.isEmpty()) {
            return fail(json, false, new AuthsomeException(ErrorCode.USAGE, "no command given", "authsome help"));
        }
        String name = args[index.get()];
        Optional<ServiceReference<AuthsomeCommand>> reference = registry.find(name);
        if (reference.isEmpty()) {
            return fail(json, false, unknownCommand(name));
        }
        try (CommandInstance instance = CommandInstance.open(registry, reference.get())) {
            if (instance == null) {
                return fail(json, false, new AuthsomeException(ErrorCode.RUNTIME_UNAVAILABLE,
                        "command '" + name + "' is not available right now", "authsome doctor"));
            }
            return run(instance, without(args, index.get()));
        }
    }

    private int run(CommandInstance instance, String[] args) {
        GlobalOptions global = instance.global();
        try {
            instance.commandLine().parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            return fail(global.json || Arrays.asList(args).contains("--json"), global.noColor,
                    new AuthsomeException(ErrorCode.USAGE, Subcommands.message(e), Subcommands.help(e.getCommandLine())));
        }
        if (global.help) {
            Renderer renderer = renderer(global);
            renderer.result(CommandResult.of(Map.of("usage", instance.usage()), new Text(instance.usage())));
            return 0;
        }
        String profile = global.profile == null ? activeProfile.get() : global.profile;
        CommandContextImpl context = new CommandContextImpl(global.json, global.quiet, global.verbose, profile, home,
                io, secrets);
        try {
            AuthsomeCommand command = Subcommands.target(instance.commandLine());
            guard.check(instance.commandLine().getCommandName(), instance.property(AuthsomeCommand.SECRETS),
                    instance.commandLine().getParseResult(), profile);
            CommandResult result = command.execute(context);
            renderer(global).result(result);
            return result.exitCode();
        } catch (AuthsomeException e) {
            return fail(global.json, global.noColor, e);
        } catch (RuntimeException e) {
            return fail(global.json, global.noColor, new AuthsomeException(ErrorCode.UNEXPECTED,
                    "command '" + instance.commandLine().getCommandName() + "' failed: " + e,
                    "authsome doctor"));
        }
    }

    private AuthsomeException unknownCommand(String name) {
        List<String> close = Suggestions.closest(name, registry.names(), 3);
        String hint = close.isEmpty() ? "" : " (did you mean " + String.join(", ", close) + "?)";
        return new AuthsomeException(ErrorCode.USAGE, "unknown command '" + name + "'" + hint, "authsome help");
    }

    private int fail(boolean json, boolean noColor, AuthsomeException e) {
        Renderer renderer = new Renderer(io, json, false, Style.choose(noColor, io));
        renderer.error(e);
        return e.code().exitCode();
    }

    private Renderer renderer(GlobalOptions global) {
        return new Renderer(io, global.json, global.quiet, Style.choose(global.noColor, io));
    }

    private static String[] without(String[] args, int index) {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        rest.remove(index);
        return rest.toArray(String[]::new);
    }
}
