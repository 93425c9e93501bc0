package io.authsome.proxy.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The start line and header fields of one HTTP/1.1 message, in the order received. Header names
 * compare case-insensitively. Not thread-safe. {@link #toString()} shows neither the target (whose
 * query may hold a key) nor a field value, so a head never prints a credential.
 */
final class HttpHead {
    private static final int MAX_LINE = 16 * 1024;
    private static final int MAX_FIELDS = 200;

    private String startLine;
    private final List<String[]> fields = new ArrayList<>();

    HttpHead(String startLine) {
        this.startLine = startLine;
    }

    /**
     * Reads a head.
     *
     * @return the head, or {@code null} when the stream ended cleanly before its first byte
     * @throws HttpProtocolException when the head is malformed or too large
     */
    static HttpHead read(InputStream in) throws IOException {
        String start = readLine(in, true);
        while (start != null && start.isEmpty()) {
            start = readLine(in, true); // RFC 9112 2.2: ignore empty lines before a request line
        }
        if (start == null) {
            return null;
        }
        HttpHead head = new HttpHead(start);
        for (String line = readLine(in, false); !line.isEmpty(); line = readLine(in, false)) {
            int colon = line.indexOf(':');
            if (colon <= 0 || line.charAt(0) == ' ' || line.charAt(0) == '\t' || head.fields.size() >= MAX_FIELDS) {
                throw new HttpProtocolException("malformed header field");
            }
            head.add(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
        }
        return head;
    }

    private static String readLine(InputStream in, boolean eofAllowed) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        while (true) {
            int b = in.read();
            if (b == -1) {
                if (eofAllowed && line.size() == 0) {
                    return null;
                }
                throw new HttpProtocolException("connection closed in the middle of a message head");
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            if (line.size() >= MAX_LINE) {
                throw new HttpProtocolException("message head line longer than " + MAX_LINE + " bytes");
            }
            line.write(b);
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
