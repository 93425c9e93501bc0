package io.authsome.proxy.internal;

import java.io.IOException;

/** The API host, or the proxy in front of it, could not be reached; the client gets a 502. */
final class UpstreamException extends IOException {
    private static final long serialVersionUID = 1L;

    UpstreamException(String message) {
        super(message);
    }

    UpstreamException(String message, Throwable cause) {
        super(message, cause);
    }
}
