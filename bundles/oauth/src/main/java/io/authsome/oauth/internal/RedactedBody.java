package io.authsome.oauth.internal;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The body of an authorization server's answer as {@code --verbose} shows it: on one line, the
 * values of secret fields (JSON members and form fields named in {@link TokenEndpoint#SECRET_FIELDS})
 * and anything shaped like a JWT replaced, terminal control characters replaced, long bodies cut.
 */
final class RedactedBody {
    static final int MAX_CHARACTERS = 2000;
    private static final String REDACTED = "[redacted]";
    private static final String NAMES = String.join("|", TokenEndpoint.SECRET_FIELDS);
    private static final Pattern JSON_MEMBER = Pattern.compile("(\"(?:" + NAMES + ")\"\\s*:\\s*)(\"(?:[^\"\\\\]|\\\\.)*\"|[^,}\\]\\s]+)");
    private static final Pattern FORM_FIELD = Pattern.compile("(^|[?&\\s;])(" + NAMES + ")=[^&\\s;\"'<]*");
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

    private RedactedBody() {
    }

    static String of(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        text = JSON_MEMBER.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "\"" + REDACTED + "\""));
        text = FORM_FIELD.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + m.group(2) + "=" + REDACTED));
        text = JWT.matcher(text).replaceAll(REDACTED);
        text = text.replaceAll("[\\r\\n\\t]+", " ").replaceAll("[^\\x20-\\x7e]", "?").strip();
        return text.length() > MAX_CHARACTERS ? text.substring(0, MAX_CHARACTERS) + "... (" + body.length + " bytes)" : text;
    }
}
