package io.authsome.console.internal.daemon;

import io.authsome.api.home.HomeLayout;
import io.authsome.api.vault.Secret;
import io.authsome.client.ThinClient;
import io.authsome.console.internal.Terminal;
import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The interactive console's command lines while a daemon serves the home: each line runs in the
 * daemon over a connection of its own, exactly as the thin client runs a one-shot command, so
 * what is typed at the console meets the daemon's bundles, its caches and its secret boundary.
 * Without a daemon, or with {@code AUTHSOME_NO_DAEMON} set, lines run in the console's process.
 */
public final class ConsoleForwarding {
    private ConsoleForwarding() {
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
            return OptionalInt.of(ThinClient.forward(home.daemonSocket(), arguments, environment));
        } catch (IOException e) {
            io.err().println("warning: the authsome daemon did not take the command (" + e.getMessage()
                    + "); it runs in this process");
            return OptionalInt.empty();
        }
    }
}
