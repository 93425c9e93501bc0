package io.authsome.provider.aws.internal;

/**
 * The percent-encoding of SigV4 canonical requests: every byte but the unreserved characters
 * ({@code A-Z a-z 0-9 - _ . ~}) as {@code %XY} with upper-case hex digits. Works on the raw form a
 * client sent, byte by byte, without decoding to text, so that an encoding the client chose
 * ({@code %7e}, a raw {@code :}, a stray {@code %}) comes out as AWS encodes it and never changes
 * meaning.
 */
final class UriEncoding {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UriEncoding() {
    }

    /**
     * Appends the canonical encoding of {@code raw[from, to)}: each {@code %XY} stands for its
     * byte, every other character for its UTF-8 bytes, and each byte is written as AWS encodes it.
     * A {@code %} that does not start a valid escape is a literal percent sign.
     *
     * @param keepSlash whether a literal {@code /} stays (paths) or is encoded (query components);
     *                  an encoded {@code %2F} stays encoded either way
     */
    static void appendCanonical(StringBuilder out, String raw, int from, int to, boolean keepSlash) {
        for (int i = from; i < to; i++) {
            char c = raw.charAt(i);
            int escaped = c == '%' ? hex(raw, i + 1, to) : -1;
            if (escaped >= 0) {
                appendByte(out, escaped, false);
                i += 2;
            } else if (c < 0x80) {
                appendByte(out, c, keepSlash);
            } else {
                int codePoint = raw.codePointAt(i);
                if (Character.charCount(codePoint) == 2) {
                    i++;
                }
                appendUtf8(out, codePoint);
            }
        }
    }

    /** The canonical encoding of all of {@code raw}. */
    static String canonical(String raw, boolean keepSlash) {
        StringBuilder out = new StringBuilder(raw.length() + 8);
        appendCanonical(out, raw, 0, raw.length(), keepSlash);
        return out.toString();
    }

    /** Encodes a canonical string once more (the second encoding of paths outside S3): {@code %} becomes {@code %25}. */
    static String encodeAgain(String canonical) {
        if (canonical.indexOf('%') < 0) {
            return canonical;
        }
        StringBuilder out = new StringBuilder(canonical.length() + 16);
        for (int i = 0; i < canonical.length(); i++) {
            char c = canonical.charAt(i);
            out.append(c);
            if (c == '%') {
                out.append("25");
            }
        }
        return out.toString();
    }

    /** The byte of the two hex digits at {@code raw[at]}, or -1 when there are not two before {@code to}. */
    private static int hex(String raw, int at, int to) {
        if (at + 1 >= to) {
            return -1;
        }
        int high = Character.digit(raw.charAt(at), 16);
        int low = Character.digit(raw.charAt(at + 1), 16);
        return high < 0 || low < 0 ? -1 : high << 4 | low;
    }

    private static void appendByte(StringBuilder out, int b, boolean keepSlash) {
        if (unreserved(b) || (keepSlash && b == '/')) {
            out.append((char) b);
        } else {
            out.append('%').append(HEX[b >> 4 & 0xF]).append(HEX[b & 0xF]);
        }
    }

    private static void appendUtf8(StringBuilder out, int codePoint) {
        if (codePoint < 0x800) {
            appendByte(out, 0xC0 | codePoint >> 6, false);
        } else if (codePoint < 0x10000) {
            appendByte(out, 0xE0 | codePoint >> 12, false);
            appendByte(out, 0x80 | (codePoint >> 6 & 0x3F), false);
        } else {
            appendByte(out, 0xF0 | codePoint >> 18, false);
            appendByte(out, 0x80 | (codePoint >> 12 & 0x3F), false);
            appendByte(out, 0x80 | (codePoint >> 6 & 0x3F), false);
        }
        appendByte(out, 0x80 | (codePoint & 0x3F), false);
    }

    private static boolean unreserved(int b) {
        return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9')
                || b == '-' || b == '_' || b == '.' || b == '~';
    }
}
