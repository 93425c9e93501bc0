package io.authsome.providers.internal;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** The rules for the header a definition injects: a field the proxy may set, a value that stays one line. */
final class InjectionHeader {
    static final String AUTHORIZATION = "Authorization";

    private static final Pattern TOKEN = Pattern.compile("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$");
    /** Fields that frame the message or belong to one connection: setting them breaks or smuggles requests. */
    private static final Set<String> FORBIDDEN = Set.of("host", "content-length", "transfer-encoding", "connection",
            "keep-alive", "proxy-connection", "proxy-authenticate", "proxy-authorization", "te", "trailer",
            "trailers", "upgrade");

    private InjectionHeader() {
    }

    /** What is wrong with {@code name} as the injected field, or {@code null}. */
    static String nameProblem(String name) {
        if (!TOKEN.matcher(name).matches()) {
            return "'" + name + "' is not an HTTP header name";
        }
        if (FORBIDDEN.contains(name.toLowerCase(Locale.ROOT))) {
            return "'" + name + "' frames the request or belongs to one connection; the credential cannot go"
                    + " there (use Authorization or the API's own key header)";
        }
        return null;
    }

    /** What is wrong with {@code prefix} as the start of a header value, or {@code null}. */
    static String prefixProblem(String prefix) {
        for (int i = 0; i < prefix.length(); i++) {
            char c = prefix.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return "has a control or non-ASCII character (" + String.format("U+%04X", (int) c)
                        + " at index " + i + "): a header value is one line of printable ASCII";
            }
        }
        return null;
    }

    /**
     * {@code "Bearer"} for {@code Authorization} becomes {@code "Bearer "}: an authorization scheme
     * is always followed by a space, so a bare scheme word would send {@code BearerTOKEN}.
     */
    static String normalisedPrefix(String name, String prefix) {
        return name.equalsIgnoreCase(AUTHORIZATION) && TOKEN.matcher(prefix).matches() ? prefix + " " : prefix;
    }
}
