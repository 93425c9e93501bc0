package io.authsome.api.login;

import io.authsome.api.AuthsomeException;
import io.authsome.api.vault.Connection;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * One way to log in, found on the whiteboard by its {@value #FLOW} property (a
 * {@link io.authsome.api.provider.Flow#id()}). Called from the thread of one login (the console's,
 * or one of the dashboard's in the daemon); it may block while the user acts (a browser, a device
 * code) up to the request's timeout.
 */
@ConsumerType
public interface LoginFlow {
    /** Service property: the flow id this service implements. */
    String FLOW = "authsome.flow";

    /**
     * Obtains a credential. The flow does not store it: the caller does.
     *
     * @throws AuthsomeException {@code AUTHENTICATION_FAILED} when the user cancels or the provider
     *                           refuses, {@code INVALID_INPUT} for input of the wrong shape
     */
    Connection login(LoginRequest request) throws AuthsomeException;
}
