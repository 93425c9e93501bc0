package io.authsome.console.internal;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.command.AuthsomeCommand;
import io.authsome.api.command.CommandContext;
import io.authsome.api.command.CommandResult;
import io.authsome.api.command.CommandSpec;
import io.authsome.api.command.Table;
import io.authsome.api.command.Text;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ServiceScope;
import picocli.CommandLine.Parameters;

/** {@code help [command]}: the commands on the whiteboard, or the usage of one. */
@CommandSpec(name = "help", summary = "List the commands, or show how to use one")
@Component(scope = ServiceScope.PROTOTYPE)
public final class HelpCommand implements AuthsomeCommand {
    private static final String GLOBAL_OPTIONS = """
            Global options (before or after the command):
              --json          one JSON document on stdout
              --quiet         only results and errors
              --no-color      no colours
              --verbose       HTTP round trips on stderr, secrets redacted
              --profile NAME  credential profile
              --home DIR      home directory (same as AUTHSOME_HOME)
              --version       print the version
            Without a command: an interactive console on a terminal, else commands read from
            stdin; 'authsome -f FILE' runs a script ('--keep-going' runs on after a failure).
            """;

    @Parameters(arity = "0..1", paramLabel = "<command>", description = "The command to explain.")
    private String command;

    private CommandRegistry registry;

    @Activate
    void activate(BundleContext context) {
        registry = new CommandRegistry(context);
    }

    @Override
    public CommandResult execute(CommandContext context) throws AuthsomeException {
        if (command != null) {
            return usageOf(command);
        }
        List<List<String>> rows = new ArrayList<>();
        List<Map<String, String>> data = new ArrayList<>();
        for (CommandRegistry.CommandInfo info : registry.commands()) {
            rows.add(List.of(info.name(), info.summary()));
            Map<String, String> entry = new LinkedHashMap<>();
            entry.put("name", info.name());
            entry.put("summary", info.summary());
            data.add(entry);
        }
        return CommandResult.of(Map.of("commands", data),
                new Text("Usage: authsome [global options] <command> [options]\n"),
                new Table(List.of("COMMAND", "DOES"), rows),
                new Text("\n" + GLOBAL_OPTIONS + "\n'authsome help <command>' explains one command."));
    }

    private CommandResult usageOf(String name) throws AuthsomeException {
        var reference = registry.find(name).orElseThrow(() -> new AuthsomeException(ErrorCode.USAGE,
                "unknown command '" + name + "'", "authsome help"));
        try (CommandInstance instance = CommandInstance.open(registry, reference)) {
            if (instance == null) {
                throw new AuthsomeException(ErrorCode.RUNTIME_UNAVAILABLE, "command '" + name + "' is not available",
                        "authsome doctor");
            }
            String usage = instance.usage();
            return CommandResult.of(Map.of("command", name, "usage", usage), new Text(usage));
        }
    }
}
