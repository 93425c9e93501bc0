package io.authsome.common.connection;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import java.util.regex.Pattern;

/** The names a connection may have, in every store: they are part of file names and record identities. */
public final class ConnectionNames {
    /** A letter or digit, then up to 63 letters, digits, {@code _}, {@code .} or {@code -}. */
    public static final Pattern PATTERN = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$");

    private ConnectionNames() {
    }

    /** @throws AuthsomeException {@code USAGE} for a name a connection may not have */
    public static void check(String name) throws AuthsomeException {
        if (!PATTERN.matcher(name).matches()) {
            throw new AuthsomeException(ErrorCode.USAGE, "connection name '" + name + "' must match " + PATTERN.pattern());
        }
    }
}
