package io.authsome.proxy.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The start line and header fields of one HTTP/1.1 message, in the order received. Header names
 * compare case-insensitively. Not thread-safe. {@link #toString()} shows neither the target (whose
 * query may hold a key) nor a field value, so a head never prints a credential.
 */
final class HttpHead {
    /** The longest request or status line. */
    static final int MAX_START_LINE = 8 * 1024;
    /** The longest header field line. */
    static final int MAX_FIELD_LINE = 16 * 1024;
    /** The most bytes of one head, start line and fields together. */
    static final int MAX_HEAD = 64 * 1024;
    /** How long a head may take to arrive once its first byte has. */
    static final long TIME_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final int MAX_FIELDS = 200;
    private static final int MAX_EMPTY_LINES = 4;

    private String startLine;
    private final List<String[]> fields = new ArrayList<>();

    HttpHead(String startLine) {
        this.startLine = startLine;
    }

    /**
     * Reads a head strictly (RFC 9112 sections 2 and 5): every line ends with CRLF, no bare CR or
     * LF, no obsolete line folding, field names are tokens directly followed by the colon, values
     * hold no control character but HTAB, and the head is within the size limits and arrives
     * within {@link #TIME_LIMIT_NANOS} of its first byte.
     *
     * @return the head, or {@code null} when the stream ended cleanly before its first byte
     * @throws HttpProtocolException when the head is malformed, too large or too slow, naming why
     */
    static HttpHead read(InputStream in) throws IOException {
        HeadReader reader = new HeadReader(in);
        String start = reader.line(MAX_START_LINE, true);
        for (int empty = 0; start != null && start.isEmpty(); empty++) {
            if (empty == MAX_EMPTY_LINES) {
                throw new HttpProtocolException("empty lines instead of a request");
            }
            start = reader.line(MAX_START_LINE, true); // RFC 9112 2.2: ignore empty lines before a request line
        }
        if (start == null) {
            return null;
        }
        HttpHead head = new HttpHead(start);
        for (String line = reader.line(MAX_FIELD_LINE, false); !line.isEmpty(); line = reader.line(MAX_FIELD_LINE, false)) {
            if (head.fields.size() >= MAX_FIELDS) {
                throw new HttpProtocolException("more than " + MAX_FIELDS + " header fields");
            }
            head.fields.add(field(line));
        }
        return head;
    }

    /** One field line, {@code name: value}: the name a token, the value without surrounding spaces. */
    static String[] field(String line) throws HttpProtocolException {
        char first = line.charAt(0);
        if (first == ' ' || first == '\t') {
            throw new HttpProtocolException("obsolete line folding (a header line starting with a space)");
        }
        int colon = line.indexOf(':');
        if (colon <= 0) {
            throw new HttpProtocolException("a header line without a name and a colon");
        }
        for (int i = 0; i < colon; i++) {
            if (!isTokenChar(line.charAt(i))) {
                throw new HttpProtocolException(line.charAt(i) == ' ' || line.charAt(i) == '\t'
                        ? "a space in or after a header name" : "an invalid character in a header name");
            }
        }
        int from = colon + 1;
        int to = line.length();
        while (from < to && (line.charAt(from) == ' ' || line.charAt(from) == '\t')) {
            from++;
        }
        while (to > from && (line.charAt(to - 1) == ' ' || line.charAt(to - 1) == '\t')) {
            to--;
        }
        for (int i = from; i < to; i++) {
            char c = line.charAt(i);
            if ((c < ' ' && c != '\t') || c == 0x7f) {
                throw new HttpProtocolException("a control character in a header value");
            }
        }
        return new String[] {line.substring(0, colon), line.substring(from, to)};
    }

    /** Whether {@code c} may be part of a token (RFC 9110 5.6.2): a method or a field name. */
    static boolean isTokenChar(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    /** The lines of one head, each ended by CRLF, within the head's size and time limits. */
    private static final class HeadReader {
        private final InputStream in;
        private byte[] line = new byte[256];
        private int total;
        private long deadline;

        HeadReader(InputStream in) {
            this.in = in;
        }

        /** The next line without its CRLF, or {@code null} when {@code eofAllowed} and the stream ends first. */
        String line(int max, boolean eofAllowed) throws IOException {
            int length = 0;
            while (true) {
                int b = in.read();
                if (b == -1) {
                    if (eofAllowed && length == 0 && total == 0) {
                        return null;
                    }
                    throw new EOFException("connection closed in the middle of a message head");
                }
                if (total++ == 0) {
                    deadline = System.nanoTime() + TIME_LIMIT_NANOS; // the clock starts with the first byte
                } else if ((total & 0xff) == 0) {
                    checkDeadline();
                }
                if (b == '\r') {
                    if (in.read() != '\n') {
                        throw new HttpProtocolException("a bare CR in a message head");
                    }
                    total++;
                    checkDeadline();
                    return new String(line, 0, length, StandardCharsets.ISO_8859_1);
                }
                if (b == '\n') {
                    throw new HttpProtocolException("a bare LF in a message head (lines must end with CRLF)");
                }
                if (b == 0) {
                    throw new HttpProtocolException("a NUL byte in a message head");
                }
                if (length == max) {
                    throw new HttpProtocolException(max == MAX_START_LINE
                            ? "a start line longer than " + max + " bytes"
                            : "a header line longer than " + max + " bytes");
                }
                if (total > MAX_HEAD) {
                    throw new HttpProtocolException("a message head larger than " + MAX_HEAD + " bytes");
                }
                if (length == line.length) {
                    line = Arrays.copyOf(line, Math.min(max, length * 2));
                }
                line[length++] = (byte) b;
            }
        }

        private void checkDeadline() throws HttpProtocolException {
            if (System.nanoTime() - deadline > 0) {
                throw new HttpProtocolException("a message head that took more than "
                        + TimeUnit.NANOSECONDS.toSeconds(TIME_LIMIT_NANOS) + " s to arrive");
            }
        }
    }

    String startLine() {
        return startLine;
    }

    void startLine(String line) {
        this.startLine = line;
    }

    /** The first value of {@code name}, or {@code null}. */
    String get(String name) {
        for (String[] field : fields) {
            if (field[0].equalsIgnoreCase(name)) {
                return field[1];
            }
        }
        return null;
    }

    /** Whether {@code name} has {@code token} among its comma-separated values. */
    boolean hasToken(String name, String token) {
        for (String[] field : fields) {
            if (field[0].equalsIgnoreCase(name)) {
                for (String part : field[1].split(",")) {
                    if (part.trim().equalsIgnoreCase(token)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The comma-separated values of every {@code name} field, lower-cased. */
    List<String> tokens(String name) {
        List<String> tokens = new ArrayList<>();
        for (String[] field : fields) {
            if (field[0].equalsIgnoreCase(name)) {
                for (String part : field[1].split(",")) {
                    if (!part.isBlank()) {
                        tokens.add(part.trim().toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        return tokens;
    }

    /** The names of the fields, each once as first spelled, in the order they first appear. */
    List<String> names() {
        List<String> names = new ArrayList<>();
        for (String[] field : fields) {
            if (names.stream().noneMatch(field[0]::equalsIgnoreCase)) {
                names.add(field[0]);
            }
        }
        return names;
    }

    /** The values of every {@code name} field, in order, as they are. */
    List<String> values(String name) {
        List<String> values = new ArrayList<>();
        for (String[] field : fields) {
            if (field[0].equalsIgnoreCase(name)) {
                values.add(field[1]);
            }
        }
        return values;
    }

    void add(String name, String value) {
        fields.add(new String[] {name, value});
    }

    /** Removes every {@code name} field; whether there was one. */
    boolean remove(String name) {
        return fields.removeIf(field -> field[0].equalsIgnoreCase(name));
    }

    /** Replaces every {@code name} field by one. */
    void set(String name, String value) {
        remove(name);
        add(name, value);
    }

    /** The first word of the start line: a request's method, a response's version. */
    String firstWord() {
        int space = startLine.indexOf(' ');
        return space < 0 ? startLine : startLine.substring(0, space);
    }

    void writeTo(OutputStream out) throws IOException {
        StringBuilder text = new StringBuilder(startLine.length() + fields.size() * 32).append(startLine).append("\r\n");
        for (String[] field : fields) {
            text.append(field[0]).append(": ").append(field[1]).append("\r\n");
        }
        out.write(text.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    @Override
    public String toString() {
        return "HttpHead[" + firstWord() + ", " + fields.size() + " fields]";
    }
}
