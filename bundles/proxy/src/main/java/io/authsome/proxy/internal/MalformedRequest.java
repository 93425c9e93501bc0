package io.authsome.proxy.internal;

import java.io.IOException;

/**
 * A client's request that the proxy refuses to forward because its meaning is not certain: the
 * shapes that request smuggling and desynchronisation attacks use (RFC 9112 sections 2, 3, 5,
 * 6.3 and 7.1), or an expectation it cannot meet. The message names the problem; it never holds a
 * header value.
 */
final class MalformedRequest extends IOException {
    private static final long serialVersionUID = 1L;

    private final int status;

    MalformedRequest(String reason) {
        this(400, reason);
    }

    MalformedRequest(int status, String reason) {
        super(reason, null);
        this.status = status;
    }

    /** The client's answer: 400, or 417 for an expectation other than {@code 100-continue}. */
    int status() {
        return status;
    }

    /** The reason phrase of {@link #status()}. */
    String reasonPhrase() {
        return status == 417 ? "Expectation Failed" : "Bad Request";
    }

    /** The same problem found while reading the client's request, as a refusal. */
    static MalformedRequest of(HttpProtocolException e) {
        return new MalformedRequest(e.getMessage());
    }
}
