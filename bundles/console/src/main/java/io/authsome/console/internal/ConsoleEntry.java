package io.authsome.console.internal;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.home.HomeLayout;
import io.authsome.api.provider.Provider;
import io.authsome.api.provider.ProviderCatalog;
import io.authsome.api.vault.Vault;
import io.authsome.common.home.Homes;
import io.authsome.console.internal.daemon.DaemonClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import picocli.CommandLine;

/**
 * The entry point the launcher calls with the process arguments: runs one command, a script, or
 * the interactive console, and returns the process exit code. Registered under a JDK interface
 * so the launcher, outside the framework, needs no authsome class.
 */
@Component(service = {ToIntFunction.class, ConsoleEntry.class}, property = ConsoleEntry.ENTRY_PROPERTY + "=console")
public final class ConsoleEntry implements ToIntFunction<String[]>, CompletionSource {
    /** Service property that marks the entry point for the launcher. */
    static final String ENTRY_PROPERTY = "authsome.entry";

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ProviderCatalog catalog;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Vault vault;

    private CommandRegistry registry;
    private HomeLayout home;

    @Activate
    void activate(BundleContext context) {
        registry = new CommandRegistry(context);
        home = Homes.layout(context);
    }

    @Override
    public int applyAsInt(String[] args) {
        try (Keyboard keyboard = new Keyboard()) {
            return run(args, Terminal.system(), keyboard);
        }
    }

    /**
     * Runs one invocation for a person elsewhere (a client of the daemon): a command or a script,
     * not the interactive console, which needs this process's own terminal.
     */
    public int runFor(String[] args, Terminal io) {
        return run(args, io, null);
    }

    /** @param keyboard this process's terminal; {@code null} for a person elsewhere */
    private int run(String[] args, Terminal io, Keyboard keyboard) {
        boolean oneShot = ArgumentSplitter.commandIndex(args).isPresent();
        LaunchOptions launch = new LaunchOptions();
        try {
            if (!oneShot) {
                new CommandLine(launch).parseArgs(args);
            }
            boolean stdinIsScript = !oneShot && launch.file == null && !io.interactive();
            CommandRunner runner = new CommandRunner(registry, home, io, this::activeProfile,
                    new SecretInput(io, keyboard, stdinIsScript));
            if (oneShot) {
                return runner.run(args);
            }
            List<String> inherited = launch.global.asArguments();
            if (launch.global.help || launch.version) {
                List<String> line = new ArrayList<>(inherited);
                line.add(launch.version ? "version" : "help");
                return runner.run(line.toArray(String[]::new));
            }
            if (launch.file != null) {
                refuseScriptFileToAnotherUser(io, launch.file);
                return runScript(new ScriptRunner(runner::run, inherited, launch.keepGoing, io), io.workingDirectory(),
                        Path.of(launch.file));
            }
            if (io.interactive() && keyboard == null) {
                throw new AuthsomeException(ErrorCode.USAGE, "the interactive console runs in the terminal's own"
                        + " process, not in the daemon", "authsome with AUTHSOME_NO_DAEMON=1, or give a command");
            }
            if (io.interactive()) {
                String profile = launch.global.profile == null ? activeProfile() : launch.global.profile;
                DaemonClient.daemon(home, io).ifPresent(daemon -> io.err().println("Commands run in the authsome"
                        + " daemon (pid " + daemon.pid() + "); AUTHSOME_NO_DAEMON=1 runs them in this process."));
                return new InteractiveConsole(line -> DaemonClient.run(home, List.of(line), io)
                        .orElseGet(() -> runner.run(line)), this, home, profile, inherited, keyboard).run();
            }
            BufferedReader stdin = new BufferedReader(new InputStreamReader(io.in(), StandardCharsets.UTF_8));
            return new ScriptRunner(runner::run, inherited, launch.keepGoing, io).run(stdin, "<stdin>");
        } catch (CommandLine.ParameterException e) {
            return fail(io, args, new AuthsomeException(ErrorCode.USAGE, e.getMessage(), "authsome help"));
        } catch (AuthsomeException e) {
            return fail(io, args, e);
        } catch (IOException e) {
            return fail(io, args, new AuthsomeException(ErrorCode.UNEXPECTED, e.getMessage()));
        }
    }

    /** Runs the script {@code file}, relative to {@code directory}, the invocation's working directory. */
    private static int runScript(ScriptRunner script, Path directory, Path file) throws IOException, AuthsomeException {
        try (BufferedReader reader = Files.newBufferedReader(directory.resolve(file), StandardCharsets.UTF_8)) {
            return script.run(reader, file.toString());
        } catch (NoSuchFileException e) {
            throw new AuthsomeException(ErrorCode.USAGE, "script " + file + " does not exist");
        }
    }

    /**
     * A script file is opened by this process's user. In the daemon that user may read what its
     * client may not (the key file, the records): a client of another user, or one the daemon
     * cannot identify, gives the commands one by one instead.
     */
    private static void refuseScriptFileToAnotherUser(Terminal io, String file) throws AuthsomeException {
        Optional<Person.Confinement> confined = io.person().confinement();
        if (confined.isPresent() && confined.get().runPid() == null) {
            throw new AuthsomeException(ErrorCode.NOT_ALLOWED, "the daemon does not open a script file "
                    + confined.get().where() + ": it would read " + file + " as its own user",
                    "give the commands of " + file + " one by one: authsome <command>");
        }
    }

    private static int fail(Terminal io, String[] args, AuthsomeException e) {
        new Renderer(io, List.of(args).contains("--json"), false, Style.PLAIN).error(e);
        return e.code().exitCode();
    }

    private String activeProfile() {
        Vault current = vault;
        return current == null ? Vault.DEFAULT_PROFILE : current.activeProfile();
    }

    @Override
    public List<String> commands() {
        return registry.names();
    }

    @Override
    public List<String> actions(String command) {
        return withCommandLine(command, Subcommands::names, List.of());
    }

    @Override
    public List<String> options(String command, String action) {
        return withCommandLine(command, commandLine -> {
            CommandLine target = action == null ? commandLine : commandLine.getSubcommands().get(action);
            return target == null ? List.<String>of() : target.getCommandSpec().optionsMap().keySet().stream()
                    .filter(name -> name.startsWith("--")).sorted().toList();
        }, List.of());
    }

    @Override
    public boolean takesProvider(String command) {
        return withCommandLine(command, commandLine -> commandLine.getCommandSpec().positionalParameters().stream()
                .anyMatch(p -> p.paramLabel().equals("<provider>")), false);
    }

    /** {@code question} asked of the picocli command line of {@code command}, activated for it; {@code none} without one. */
    private <T> T withCommandLine(String command, Function<CommandLine, T> question, T none) {
        return registry.find(command).map(reference -> {
            try (CommandInstance instance = CommandInstance.open(registry, reference)) {
                return instance == null ? none : question.apply(instance.commandLine());
            }
        }).orElse(none);
    }

    @Override
    public List<String> providers() {
        ProviderCatalog current = catalog;
        return current == null ? List.of() : current.providers().stream().map(Provider::name).toList();
    }
}
