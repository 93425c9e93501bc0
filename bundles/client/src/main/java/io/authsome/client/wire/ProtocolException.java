package io.authsome.client.wire;

import java.io.IOException;

/** The other end of the daemon's socket sent something this side does not understand. */
public final class ProtocolException extends IOException {
    private static final long serialVersionUID = 1L;

    public ProtocolException(String message) {
        super(message);
    }
}
