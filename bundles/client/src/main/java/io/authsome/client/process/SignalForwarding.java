package io.authsome.client.process;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * While a run's child lives, signals sent to authsome go to the child instead of stopping
 * authsome: SIGTERM and SIGHUP always; SIGINT when authsome has no terminal (on a terminal,
 * Ctrl-C already reaches the child, which is in the same process group, so authsome only ignores
 * it). Installed before the child starts: a signal that arrives before {@link #forwardTo} is
 * passed on as soon as the child exists. Needs {@code sun.misc.Signal}; without it, signals keep
 * their default effect. {@link #close()} restores the previous handlers. Thread-safe.
 */
public final class SignalForwarding implements AutoCloseable {
    private final List<Runnable> restore = new ArrayList<>();
    private final List<String> pending = new ArrayList<>();
    private Process child;

    private SignalForwarding() {
    }

    public static SignalForwarding install(boolean onTerminal) {
        SignalForwarding forwarding = new SignalForwarding();
        try {
            forwarding.handle("TERM", true);
            forwarding.handle("HUP", true);
            forwarding.handle("INT", !onTerminal);
        } catch (LinkageError | IllegalArgumentException e) {
            // No sun.misc in this runtime, or a signal the VM reserves: leave the defaults.
        }
        return forwarding;
    }

    /** From now on signals go to {@code started}, starting with those received while it started. */
    public void forwardTo(Process started) {
        List<String> received;
        synchronized (this) {
            child = started;
            received = List.copyOf(pending);
            pending.clear();
        }
        for (String name : received) {
            send(started, name);
        }
    }

    private void handle(String name, boolean forward) {
        // Classes, not lambdas: the thin client starts children too, and a lambda's first use
        // costs it a millisecond of method-handle spinning.
        sun.misc.Signal signal = new sun.misc.Signal(name);
        sun.misc.SignalHandler previous = sun.misc.Signal.handle(signal, new sun.misc.SignalHandler() {
            @Override
            public void handle(sun.misc.Signal received) {
                if (forward) {
                    deliver(name);
                }
            }
        });
        restore.add(new Runnable() {
            @Override
            public void run() {
                sun.misc.Signal.handle(signal, previous);
            }
        });
    }

    private void deliver(String name) {
        Process target;
        synchronized (this) {
            target = child;
            if (target == null) {
                pending.add(name);
                return;
            }
        }
        if (target.isAlive()) {
            send(target, name);
        }
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
        for (Runnable handler : restore) {
            handler.run();
        }
    }
}
