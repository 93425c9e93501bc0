package io.authsome.client;

/**
 * Ctrl-C (SIGINT) and SIGTERM sent to the thin client while no child runs ask the daemon to stop
 * the command instead of ending the client, so the command's end is reported as usual. While a
 * run's child lives, its own signal forwarding takes these signals over and gives them back.
 */
final class Cancel {
    private Cancel() {
    }

    static void install(Runnable cancel) {
        try {
            for (String name : new String[] {"INT", "TERM"}) {
                sun.misc.Signal.handle(new sun.misc.Signal(name), new sun.misc.SignalHandler() { // no lambda: see Fields
                    @Override
                    public void handle(sun.misc.Signal signal) {
                        cancel.run();
                    }
                });
            }
        } catch (LinkageError | IllegalArgumentException e) {
            // no sun.misc: signals keep their default effect
        }
    }
}
