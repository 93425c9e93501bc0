package io.authsome.console.internal.daemon;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.command.CommandContext;
import io.authsome.api.home.HomeLayout;
import io.authsome.api.vault.Vault;
import io.authsome.api.vault.Secret;
import io.authsome.client.ThinClient;
import io.authsome.console.internal.Terminal;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.osgi.framework.BundleContext;

/**
 * The console's way to the home's daemon when it runs in a process of its own. The interactive
 * console hands each line to the daemon over a connection of its own, exactly as the thin client
 * runs a one-shot command, so what is typed at the console meets the daemon's bundles, its caches
 * and its secret boundary (without a daemon, or with {@code AUTHSOME_NO_DAEMON} set, lines run in
 * the console's process). A command that only the daemon can answer ({@code ui}) starts the
 * daemon when none runs and takes its answer.
 */
public final class DaemonClient {
    private DaemonClient() {
    }

    /**
     * Starts the daemon of {@code context}'s home unless one answers there (its progress on
     * diagnostics, as {@code daemon start} says it).
     */
    public static void ensureRunning(CommandContext context, Vault vault, BundleContext bundle, Duration timeout)
            throws AuthsomeException {
        if (DaemonFiles.runningPid(context.home()).isPresent() && DaemonFiles.answers(context.home())) {
            return;
        }
        DaemonLauncher.launch(bundle, context.home(), DaemonLauncher.passphrase(context, vault), timeout,
                context.quiet() ? null : context.diagnostics());
    }

    /**
     * Runs {@code arguments} in the home's daemon with its standard output taken into
     * {@code out} (standard error and the rest of the person's side stay this process's).
     *
     * @return the command's exit code
     */
    public static int call(HomeLayout home, List<String> arguments, Map<String, String> environment,
                           OutputStream out) throws AuthsomeException {
        try {
            return ThinClient.forward(home.daemonSocket(), arguments, environment, out);
        } catch (IOException e) {
            throw new AuthsomeException(ErrorCode.RUNTIME_UNAVAILABLE, "the daemon of " + home.root()
                    + " did not take the command: " + e.getMessage(), "authsome daemon status");
        }
    }

    /** The daemon that lines typed in {@code io}'s invocation would go to, if one serves the home. */
    public static Optional<ProcessHandle> daemon(HomeLayout home, Terminal io) {
        String off = io.environment().get("AUTHSOME_NO_DAEMON");
        if (off != null && !off.isEmpty() || !Files.exists(home.daemonSocket())) {
            return Optional.empty();
        }
        return DaemonFiles.runningPid(home);
    }

    /**
     * Runs {@code arguments} in the home's daemon on this process's terminal; empty when no
     * daemon took it (none serves, or none accepts on the socket), and nothing was sent.
     */
    public static OptionalInt run(HomeLayout home, List<String> arguments, Terminal io) {
        if (daemon(home, io).isEmpty()) {
            return OptionalInt.empty();
        }
        Map<String, String> environment = new LinkedHashMap<>(io.environment());
        for (Map.Entry<String, Secret> secret : io.secretVariables().entrySet()) {
            environment.put(secret.getKey(), secret.getValue().reveal()); // the daemon takes them out again
        }
        try {
            return OptionalInt.of(ThinClient.forward(home.daemonSocket(), arguments, environment, null));
        } catch (IOException e) {
            io.err().println("warning: the authsome daemon did not take the command (" + e.getMessage()
                    + "); it runs in this process");
            return OptionalInt.empty();
        }
    }
}
