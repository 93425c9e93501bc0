package io.authsome.proxy.internal;

import java.io.IOException;

/** A peer sent something that is not HTTP/1.1 the proxy can forward. */
final class HttpProtocolException extends IOException {
    private static final long serialVersionUID = 1L;

    HttpProtocolException(String message) {
        super(message);
    }
}
