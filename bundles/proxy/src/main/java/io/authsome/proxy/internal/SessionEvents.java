package io.authsome.proxy.internal;

import java.nio.channels.CancelledKeyException;
import org.apache.hc.core5.reactor.IOSession;

/** Changes to the events a reactor session is asked for, by whoever handles the session. */
final class SessionEvents {
    private SessionEvents() {
    }

    /**
     * Asks the reactor for ({@code on}) or no longer for events of {@code op} on {@code session}:
     * whether it could, {@code false} when the session was closed meanwhile (its key cancelled,
     * under a TLS layer too).
     */
    static boolean change(IOSession session, int op, boolean on) {
        try {
            if (on) {
                session.setEvent(op);
            } else {
                session.clearEvent(op);
            }
            return true;
        } catch (CancelledKeyException e) {
            return false;
        }
    }
}
