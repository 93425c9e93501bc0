package io.authsome.api.ui;

import java.net.URI;
import org.osgi.annotation.versioning.ProviderType;

/** The dashboard of the running daemon, on {@code 127.0.0.1:<daemon.ui_port>}. Thread-safe. */
@ProviderType
public interface Dashboard {
    /** How long a sign-in link may wait for its one use. */
    java.time.Duration SIGN_IN_VALIDITY = java.time.Duration.ofMinutes(2);

    /** Where it listens: {@code http://127.0.0.1:<port>/}. */
    URI address();

    /**
     * A new sign-in link: good for one use within {@link #SIGN_IN_VALIDITY}, after which the
     * browser holds a session cookie and the link is worth nothing.
     */
    URI signInLink();
}
