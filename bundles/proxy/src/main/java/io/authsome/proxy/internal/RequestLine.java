package io.authsome.proxy.internal;

/**
 * A request line, {@code method SP target SP version} (RFC 9112 section 3), checked strictly: one
 * space between the parts, a token for the method, no control character or space in the
 * target, and HTTP/1.1 or HTTP/1.0. {@link #toString()} leaves out the target, whose query may
 * hold a key.
 */
record RequestLine(String method, String target, String version) {
    /** The request line of {@code request}; a {@link MalformedRequest} names what is wrong with it. */
    static RequestLine of(HttpHead request) throws MalformedRequest {
        String line = request.startLine();
        int first = line.indexOf(' ');
        int last = line.lastIndexOf(' ');
        if (first <= 0 || last == first) {
            throw new MalformedRequest("a request line that is not 'method target version'");
        }
        String method = line.substring(0, first);
        String target = line.substring(first + 1, last);
        String version = line.substring(last + 1);
        for (int i = 0; i < method.length(); i++) {
            if (!HttpHead.isTokenChar(method.charAt(i))) {
                throw new MalformedRequest("an invalid request method");
            }
        }
        if (target.isEmpty()) {
            throw new MalformedRequest("a request line that is not 'method target version'");
        }
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c <= ' ' || c == 0x7f) {
                throw new MalformedRequest("a space or control character in the request target");
            }
        }
        if (!version.equals("HTTP/1.1") && !version.equals("HTTP/1.0")) {
            throw new MalformedRequest("an HTTP version other than HTTP/1.1 or HTTP/1.0");
        }
        return new RequestLine(method, target, version);
    }

    @Override
    public String toString() {
        return "RequestLine[" + method + " " + version + "]";
    }
}
