package io.authsome.api.plugin;

/**
 * An injector that cannot prepare a request: a host it cannot tell the region of, a field the
 * connection lacks. The proxy answers the client 502 with the message and audits it; the message
 * must not hold a secret.
 */
public class InjectionException extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, for the person, never a secret */
    public InjectionException(String message) {
        super(message);
    }
}
