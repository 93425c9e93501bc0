package io.authsome.common.connection;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;

/** The errors every store gives for a connection that is not there, or already is. */
public final class StoreErrors {
    private StoreErrors() {
    }

    /** {@code CONNECTION_NOT_FOUND}, with the login that makes it. */
    public static AuthsomeException notFound(String profile, String provider, String name) {
        return new AuthsomeException(ErrorCode.CONNECTION_NOT_FOUND, "no connection '" + name + "' of " + provider
                + " in profile " + profile, "authsome login " + provider + (name.equals("default") ? ""
                : " --connection " + name));
    }

    /** {@code CONNECTION_EXISTS}, for a write that was not asked to replace. */
    public static AuthsomeException exists(String profile, String provider, String name) {
        return new AuthsomeException(ErrorCode.CONNECTION_EXISTS, "connection '" + name + "' of " + provider
                + " already exists in profile " + profile, "authsome login " + provider + " --force to replace it,"
                + " or --connection NAME for another one");
    }
}
