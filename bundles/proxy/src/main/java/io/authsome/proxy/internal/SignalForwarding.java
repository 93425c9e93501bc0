package io.authsome.proxy.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * While a run's child lives, signals sent to authsome go to the child instead of stopping
 * authsome: SIGTERM and SIGHUP always; SIGINT when authsome has no terminal (on a terminal,
 * Ctrl-C already reaches the child, which is in the same process group, so authsome only ignores
 * it). Needs {@code sun.misc.Signal}; without it, signals keep their default effect.
 * {@link #close()} restores the previous handlers.
 */
final class SignalForwarding implements AutoCloseable {
    private final List<Runnable> restore = new ArrayList<>();

    private SignalForwarding() {
    }

    static SignalForwarding install(Process child, boolean onTerminal) {
        SignalForwarding forwarding = new SignalForwarding();
        try {
            forwarding.handle("TERM", child, true);
            forwarding.handle("HUP", child, true);
            forwarding.handle("INT", child, !onTerminal);
        } catch (LinkageError | IllegalArgumentException e) {
            // No sun.misc in this runtime, or a signal the VM reserves: leave the defaults.
        }
        return forwarding;
    }

    private void handle(String name, Process child, boolean forward) {
        sun.misc.Signal signal = new sun.misc.Signal(name);
        sun.misc.SignalHandler previous = sun.misc.Signal.handle(signal, received -> {
            if (forward && child.isAlive()) {
                send(child, name);
            }
        });
        restore.add(() -> sun.misc.Signal.handle(signal, previous));
    }

    private static void send(Process child, String name) {
        if (name.equals("TERM")) {
            child.destroy();
            return;
        }
        try {
            new ProcessBuilder("kill", "-" + name, Long.toString(child.pid())).inheritIO().start();
        } catch (IOException e) {
            child.destroy();
        }
    }

    @Override
    public void close() {
        restore.forEach(Runnable::run);
    }
}
