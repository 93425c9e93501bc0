package io.authsome.proxy.internal;

import java.util.List;

/**
 * A client's request as the proxy understands it, once every check that its meaning is certain
 * has passed: the request line ({@link RequestLine}), how its body is delimited
 * ({@link MessageBody#ofRequest}), and whether it waits for {@code 100 Continue}. An
 * {@code Expect} other than {@code 100-continue} is refused with 417 (RFC 9110 10.1.1); a
 * {@code 100-continue} on a request without a body is refused with 400, since a client that
 * sends its body after the interim answer would have it read as its next request.
 *
 * @param line            the request line
 * @param body            how the body is delimited
 * @param expectsContinue whether the client waits for {@code 100 Continue} before its body
 */
record ClientRequest(RequestLine line, MessageBody body, boolean expectsContinue) {
    /** Checks {@code head}, a request from a client, and says what it is. */
    static ClientRequest of(HttpHead head) throws MalformedRequest {
        RequestLine line = RequestLine.of(head);
        MessageBody body = MessageBody.ofRequest(head);
        List<String> expectations = head.tokens("Expect");
        if (expectations.isEmpty() || line.version().equals("HTTP/1.0")) {
            return new ClientRequest(line, body, false); // RFC 9110 10.1.1: ignored in an HTTP/1.0 request
        }
        if (!expectations.equals(List.of("100-continue"))) {
            throw new MalformedRequest(417, "an Expect other than 100-continue");
        }
        if (body.isEmpty()) {
            throw new MalformedRequest("Expect: 100-continue on a request without a body");
        }
        return new ClientRequest(line, body, true);
    }

    /** Whether the client closes the connection after this request. */
    boolean closes(HttpHead head) {
        return head.hasToken("Connection", "close")
                || line.version().equals("HTTP/1.0") && !head.hasToken("Connection", "keep-alive");
    }
}
