package io.authsome.console.internal.daemon;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.command.AuthsomeCommand;
import io.authsome.api.command.CommandContext;
import io.authsome.api.command.CommandResult;
import io.authsome.api.command.CommandSpec;
import io.authsome.api.command.Text;
import io.authsome.api.config.Configuration;
import io.authsome.api.credential.SecretVariables;
import io.authsome.api.home.HomeLayout;
import io.authsome.api.ui.Dashboard;
import io.authsome.api.vault.Secret;
import io.authsome.api.vault.Vault;
import io.authsome.common.env.SecretEnvironment;
import io.authsome.common.home.DaemonRuntime;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ServiceScope;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code daemon start|stop|restart|status|logs|serve}: the long-lived runtime of a home. While it
 * serves, {@code bin/authsome} hands every command to it over the home's socket.
 */
@CommandSpec(name = "daemon", summary = "Start, stop or inspect the long-lived runtime of this home",
        description = "Run one authsome runtime per home in the background: commands are handed to it and"
                + " answer at once, tokens are refreshed before they expire, and agents use its shared proxy.",
        secrets = "stop")
@Component(scope = ServiceScope.PROTOTYPE)
@Command(subcommands = {DaemonCommand.Start.class, DaemonCommand.Stop.class, DaemonCommand.Restart.class,
        DaemonCommand.Status.class, DaemonCommand.Logs.class, DaemonCommand.Serve.class})
public final class DaemonCommand implements AuthsomeCommand {
    @Reference
    private Daemon daemon;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL)
    private Vault vault;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL)
    private Configuration configuration;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL)
    private Dashboard dashboard;

    private BundleContext bundleContext;

    @Activate
    void activate(BundleContext context) {
        this.bundleContext = context;
    }

    /** Runs only without an action, which the console already refuses. */
    @Override
    public CommandResult execute(CommandContext context) throws AuthsomeException {
        throw new AuthsomeException(ErrorCode.USAGE, "daemon needs an action: start, stop, restart, status, logs,"
                + " serve", "authsome help daemon");
    }

    /** Whether this command runs inside the daemon (handed over by a thin client). */
    boolean inDaemon() {
        return DaemonRuntime.isDaemon(bundleContext);
    }

    private static AuthsomeException noDaemon(HomeLayout home) {
        return new AuthsomeException(ErrorCode.RUNTIME_UNAVAILABLE, "no daemon serves " + home.root(),
                "authsome daemon start");
    }

    /** {@code daemon start}: starts {@code daemon serve} detached and returns once it answers. */
    @Command(name = "start", description = "Start the daemon of this home in the background; returns once it answers.")
    static final class Start implements AuthsomeCommand {
        @ParentCommand
        private DaemonCommand parent;

        @Option(names = "--timeout", paramLabel = "<seconds>", defaultValue = "60",
                description = "How long to wait for the daemon to answer (default: ${DEFAULT-VALUE}).")
        private int timeout;

        @Override
        public CommandResult execute(CommandContext context) throws AuthsomeException {
            return parent.start(context, Duration.ofSeconds(timeout));
        }
    }

    CommandResult start(CommandContext context, Duration timeout) throws AuthsomeException {
        HomeLayout home = context.home();
        Optional<ProcessHandle> running = DaemonFiles.runningPid(home);
        if (inDaemon() || DaemonFiles.answers(home)) {
            long pid = running.map(ProcessHandle::pid).orElse(ProcessHandle.current().pid());
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("running", true);
            data.put("already_running", true);
            data.put("pid", pid);
            data.put("socket", home.daemonSocket().toString());
            return CommandResult.of(data, new Text("The daemon of " + home.root() + " already runs (pid " + pid + ")."));
        }
        Optional<Secret> passphrase = DaemonLauncher.passphrase(context, vault);
        DaemonLauncher.Started started = DaemonLauncher.launch(bundleContext, home, passphrase, timeout,
                context.quiet() ? null : context.diagnostics());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("running", true);
        data.put("already_running", false);
        data.put("pid", started.pid());
        data.put("socket", home.daemonSocket().toString());
        data.put("log", home.daemonLog().toString());
        data.put("startup_ms", started.elapsed().toMillis());
        return CommandResult.of(data, new Text("Started the authsome daemon (pid " + started.pid() + ") for "
                + home.root() + " in " + started.elapsed().toMillis() + " ms. Commands now run in it; stop it with:"
                + " authsome daemon stop"));
    }

    /** {@code daemon stop}: lets the commands in flight finish, then ends the daemon. */
    @Command(name = "stop", description = "Stop the daemon: commands in flight finish first.")
    static final class Stop implements AuthsomeCommand {
        @ParentCommand
        private DaemonCommand parent;

        @Override
        public CommandResult execute(CommandContext context) throws AuthsomeException {
            return parent.stop(context);
        }
    }

    CommandResult stop(CommandContext context) throws AuthsomeException {
        HomeLayout home = context.home();
        long pid;
        if (inDaemon()) {
            pid = ProcessHandle.current().pid();
            daemon.stop();
        } else {
            Optional<ProcessHandle> running = DaemonFiles.runningPid(home);
            if (running.isEmpty()) {
                DaemonFiles.removeRuntimeFiles(home);
                throw noDaemon(home);
            }
            pid = running.get().pid();
            running.get().destroy(); // SIGTERM: the daemon stops as 'daemon stop' asks it to
            try {
                running.get().onExit().get(Daemon.GRACE.toSeconds() + 5, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AuthsomeException(ErrorCode.RUNTIME_UNAVAILABLE, "the daemon (pid " + pid + ") did not stop"
                        + " within " + (Daemon.GRACE.toSeconds() + 5) + " s", "kill " + pid + ", then authsome daemon start");
            }
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("stopped", true);
        data.put("pid", pid);
        return CommandResult.of(data, new Text("Stopped the authsome daemon (pid " + pid + ")."));
    }

    /** {@code daemon restart}: stop (if one runs), then start. */
    @Command(name = "restart", description = "Stop the daemon if it runs, then start it again.")
    static final class Restart implements AuthsomeCommand {
        @ParentCommand
        private DaemonCommand parent;

        @Override
        public CommandResult execute(CommandContext context) throws AuthsomeException {
            if (parent.inDaemon()) {
                throw new AuthsomeException(ErrorCode.USAGE, "a daemon cannot restart itself",
                        "authsome daemon restart (bin/authsome runs it in its own process)");
            }
            if (DaemonFiles.runningPid(context.home()).isPresent()) {
                parent.stop(context);
            }
            return parent.start(context, Duration.ofSeconds(60));
        }
    }

    /** {@code daemon status}: pid, uptime, socket, bundles and memory of the running daemon. */
    @Command(name = "status", description = "Show the running daemon: pid, uptime, socket, bundles, memory."
            + " Exit code 9 when none runs.")
    static final class Status implements AuthsomeCommand {
        @ParentCommand
        private DaemonCommand parent;

        @Override
        public CommandResult execute(CommandContext context) throws AuthsomeException {
            return parent.status(context);
        }
    }

    CommandResult status(CommandContext context) throws AuthsomeException {
        HomeLayout home = context.home();
        Optional<Instant> since = daemon.started();
        if (!inDaemon() || since.isEmpty()) {
            Optional<ProcessHandle> running = DaemonFiles.runningPid(home);
            if (running.isPresent() && DaemonFiles.answers(home)) {
                throw new AuthsomeException(ErrorCode.RUNTIME_UNAVAILABLE, "a daemon (pid " + running.get().pid()
                        + ") serves " + home.root() + ", but this command ran in its own process (AUTHSOME_NO_DAEMON)",
                        "authsome daemon status, without AUTHSOME_NO_DAEMON");
            }
            throw noDaemon(home);
        }
        Duration uptime = Duration.between(since.get(), Instant.now());
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        Bundle[] bundles = bundleContext.getBundles();
        long active = java.util.Arrays.stream(bundles).filter(b -> b.getState() == Bundle.ACTIVE).count();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("running", true);
        data.put("pid", ProcessHandle.current().pid());
        data.put("uptime_s", uptime.toSeconds());
        data.put("socket", home.daemonSocket().toString());
        data.put("home", home.root().toString());
        Integer proxyPort = configuration == null ? null
                : configuration.current().daemon().proxyPort().value();
        data.put("proxy", proxyPort == null || proxyPort == 0 ? null : "127.0.0.1:" + proxyPort);
        Dashboard served = dashboard;
        data.put("dashboard", served == null ? null : served.address().toString());
        data.put("bundles", bundles.length);
        data.put("bundles_active", active);
        data.put("heap_used_mb", heap.getUsed() / (1024 * 1024));
        data.put("heap_max_mb", heap.getMax() / (1024 * 1024));
        Long resident = residentMib();
        data.put("rss_mb", resident);
        data.put("commands_served", daemon.served());
        data.put("commands_in_flight", daemon.inFlight());
        data.put("log", home.daemonLog().toString());
        List<String> lines = new ArrayList<>();
        lines.add("authsome daemon: running (pid " + data.get("pid") + ", up " + human(uptime) + ")");
        lines.add("  home:     " + home.root());
        lines.add("  socket:   " + home.daemonSocket());
        lines.add("  proxy:    " + (data.get("proxy") == null ? "off (daemon.proxy_port)"
                : data.get("proxy") + " (shared proxy for agents: authsome agent add)"));
        lines.add("  ui:       " + (served == null ? "off (daemon.ui_port, or see the log)"
                : served.address() + " (authsome ui signs you in)"));
        lines.add("  bundles:  " + active + " active of " + bundles.length);
        lines.add("  memory:   " + (resident == null ? "" : resident + " MiB resident, ") + "heap "
                + data.get("heap_used_mb") + " MiB of " + data.get("heap_max_mb") + " MiB");
        lines.add("  commands: " + daemon.served() + " served, " + daemon.inFlight() + " in flight");
        lines.add("  log:      " + home.daemonLog());
        return CommandResult.of(data, new Text(String.join("\n", lines)));
    }

    /**
     * This process's resident memory in MiB ({@code VmRSS} of {@code /proc/self/status}), or
     * {@code null} where the system does not tell.
     */
    private static Long residentMib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.substring(6).replace("kB", "").strip()) / 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or no /proc: the heap figures stand alone.
        }
        return null;
    }

    private static String human(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds < 120 ? seconds + " s" : seconds < 7200 ? seconds / 60 + " min" : seconds / 3600 + " h";
    }

    /** {@code daemon logs [-n N]}: the end of {@code logs/daemon.log}. */
    @Command(name = "logs", description = "Print the end of the daemon's log (logs/daemon.log).")
    static final class Logs implements AuthsomeCommand {
        @Option(names = {"-n", "--lines"}, paramLabel = "<n>", defaultValue = "50",
                description = "How many lines from the end (default: ${DEFAULT-VALUE}).")
        private int count;

        @Override
        public CommandResult execute(CommandContext context) throws AuthsomeException {
            List<String> lines = DaemonLauncher.lastLines(context.home().daemonLog(), Math.max(0, count));
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("log", context.home().daemonLog().toString());
            data.put("lines", lines);
            return CommandResult.of(data, new Text(lines.isEmpty() ? "(the daemon log " + context.home().daemonLog()
                    + " is empty or does not exist)" : String.join("\n", lines)));
        }
    }

    /** {@code daemon serve}: the daemon in the foreground, for systemd, launchd and containers. */
    @Command(name = "serve", description = "Run the daemon in the foreground (for systemd, launchd, containers);"
            + " SIGTERM stops it cleanly.")
    static final class Serve implements AuthsomeCommand {
        @ParentCommand
        private DaemonCommand parent;

        /** Read by the launcher before the runtime starts (LaunchSecrets): declared here for help and parsing. */
        @Option(names = "--passphrase-fd", paramLabel = "<n>",
                description = "In passphrase mode, read the vault passphrase from this file descriptor (one line)"
                        + " instead of AUTHSOME_PASSPHRASE or a prompt.")
        private Integer passphraseFd;

        @Override
        public CommandResult execute(CommandContext context) throws AuthsomeException {
            return parent.serve(context);
        }
    }

    CommandResult serve(CommandContext context) throws AuthsomeException {
        if (!inDaemon()) {
            throw new AuthsomeException(ErrorCode.USAGE, "daemon serve runs only as its own process",
                    "authsome daemon start, or bin/authsome daemon serve");
        }
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            daemon.stop();
            try {
                done.await(Daemon.GRACE.toSeconds() + 2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "authsome-daemon-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            daemon.serve(context.diagnostics());
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down already: the hook is running
            }
        }
        return new CommandResult(Map.of("stopped", true), List.of(), 0);
    }
}
