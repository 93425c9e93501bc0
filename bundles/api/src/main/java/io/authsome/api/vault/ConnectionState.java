package io.authsome.api.vault;

import io.authsome.api.provider.Identified;
import java.util.Locale;

/** Where a connection stands; see the command-line contract for what each state asks of the user. */
public enum ConnectionState implements Identified {
    /** No credential stored. */
    AVAILABLE,
    /** An OAuth client is stored, no login yet. */
    CONFIGURED,
    /** A usable credential is stored. */
    CONNECTED,
    /** The access token expired and the last refresh failed for a transient reason. */
    EXPIRED,
    /** The provider rejected the credential: a new login is needed. */
    INVALID;

    @Override
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
