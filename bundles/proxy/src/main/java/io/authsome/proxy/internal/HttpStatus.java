package io.authsome.proxy.internal;

/** The status code of a response head. */
final class HttpStatus {
    private HttpStatus() {
    }

    /** The code of the status line {@code HTTP/1.1 200 OK}. */
    static int of(HttpHead response) throws HttpProtocolException {
        String line = response.startLine();
        int start = line.indexOf(' ');
        if (!line.startsWith("HTTP/1.") || start < 0 || line.length() < start + 4) {
            throw new HttpProtocolException("malformed status line");
        }
        try {
            return Integer.parseInt(line.substring(start + 1, start + 4));
        } catch (NumberFormatException e) {
            throw new HttpProtocolException("malformed status code");
        }
    }
}
