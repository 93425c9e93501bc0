package io.authsome.oauth.internal.login;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.credential.Placeholder;
import io.authsome.api.login.LoginFailure;
import io.authsome.api.login.LoginInteraction;
import io.authsome.api.plugin.CredentialField;
import io.authsome.api.vault.Secret;
import java.util.Optional;

/**
 * The answer to one {@link CredentialField} of a {@code fields} login, in the contract's order:
 * the first of the field's environment variables that is set (never to the {@code run}
 * placeholder), else the interaction (a line of standard input when it is not a terminal, else
 * a prompt, masked for a secret); never argv. A {@link CredentialField.Kind#FILE} field's answer is a path
 * whose file is read ({@link KeyFile}), or the contents inline: a line starting
 * {@code -----BEGIN} and the lines after it through the matching {@code -----END} line, or a
 * line starting <code>{</code> and the lines after it through its closing brace.
 */
final class FieldInput {
    /** One field's value and where it came from ({@code input}, {@code env:NAME}). */
    record Answer(String value, String source) {
        @Override
        public String toString() {
            return "Answer[" + source + "]";
        }
    }

    private final String provider;
    private final String displayName;
    private final LoginInteraction interaction;
    private final boolean browserForm;

    FieldInput(String provider, String displayName, LoginInteraction interaction, boolean browserForm) {
        this.provider = provider;
        this.displayName = displayName;
        this.interaction = interaction;
        this.browserForm = browserForm;
    }

    /** The value of {@code field}; empty only for an optional field left empty. */
    Optional<Answer> read(CredentialField field) throws AuthsomeException {
        Optional<Answer> given = fromEnvironment(field);
        if (given.isEmpty()) {
            boolean form = browserForm && field.kind() == CredentialField.Kind.TEXT;
            given = (field.secret() ? interaction.askSecret(prompt(field), form).map(Secret::reveal)
                    : interaction.ask(prompt(field), form))
                    .filter(text -> !text.isBlank()).map(text -> new Answer(text, "input"));
        }
        if (given.isEmpty()) {
            if (field.optional()) {
                return Optional.empty();
            }
            throw new LoginFailure(LoginFailure.Reason.NO_KEY, ErrorCode.AUTHENTICATION_FAILED, "no "
                    + field.label() + " given for " + provider + "; nothing was stored", howToGive(field));
        }
        Answer answer = given.get();
        String value = field.kind() == CredentialField.Kind.FILE ? contents(field, answer.value().strip())
                : answer.value().strip();
        if (field.kind() == CredentialField.Kind.TEXT) {
            int control = ApiKeyFlow.firstControlCharacter(value);
            if (control >= 0) {
                throw new AuthsomeException(ErrorCode.INVALID_INPUT, "the " + field.label() + " contains a control"
                        + " character (such as a line break) at position " + (control + 1) + "; nothing was stored",
                        "copy it again, without line breaks, and run authsome login " + provider);
            }
        }
        return Optional.of(new Answer(value, answer.source()));
    }

    private Optional<Answer> fromEnvironment(CredentialField field) {
        for (String name : field.env()) {
            String value = interaction.environment().get(name);
            if (value != null && !value.isBlank() && !Placeholder.is(value)) {
                return Optional.of(new Answer(value, "env:" + name));
            }
        }
        return Optional.empty();
    }

    private String prompt(CredentialField field) {
        String what = field.kind() == CredentialField.Kind.FILE ? " (path to the file)" : "";
        String optional = field.optional() ? " (optional, empty for none)" : "";
        return displayName + " " + field.label() + what + optional + ": ";
    }

    private String howToGive(CredentialField field) {
        String input = field.kind() == CredentialField.Kind.FILE
                ? "pipe its path (or the key itself) on standard input" : "pipe it on standard input";
        return field.env().isEmpty() ? input + ", or run on a terminal"
                : "set " + String.join(" or ", field.env()) + ", " + input + ", or run on a terminal";
    }

    /** The contents of a file field: inline when the answer starts a PEM block or a JSON object, else the file's. */
    private String contents(CredentialField field, String answer) throws AuthsomeException {
        if (answer.startsWith("-----BEGIN")) {
            return inline(field, answer, new PemEnd(answer));
        }
        if (answer.startsWith("{")) {
            return inline(field, answer, new JsonEnd());
        }
        return KeyFile.read(answer, field.label(), interaction.workingDirectory(), interaction.environment().get("HOME"));
    }

    private String inline(CredentialField field, String first, End end) throws AuthsomeException {
        StringBuilder text = new StringBuilder();
        String line = first;
        while (true) {
            text.append(line).append('\n');
            if (text.length() > KeyFile.MAX_BYTES) {
                throw new AuthsomeException(ErrorCode.INVALID_INPUT, "the " + field.label() + " given inline is larger"
                        + " than " + KeyFile.MAX_BYTES / 1024 + " KiB, too large for a key; nothing was stored",
                        "give the path of the key file instead");
            }
            if (end.reached(line)) {
                return text.toString();
            }
            Optional<String> next = interaction.askSecret("", false).map(Secret::reveal);
            if (next.isEmpty()) {
                throw new AuthsomeException(ErrorCode.INVALID_INPUT, "the " + field.label() + " given inline ended"
                        + " (an empty line or the end of input) before " + end.describe() + "; nothing was stored",
                        "give the whole key, or the path of the key file");
            }
            line = next.get();
        }
    }

    /** Where inline contents end. */
    private interface End {
        boolean reached(String line);

        String describe();
    }

    /** The {@code -----END <label>-----} line that matches the {@code -----BEGIN <label>-----} line. */
    private static final class PemEnd implements End {
        private final String endLine;

        PemEnd(String beginLine) {
            this.endLine = "-----END" + beginLine.strip().substring("-----BEGIN".length());
        }

        @Override
        public boolean reached(String line) {
            return line.strip().equals(endLine);
        }

        @Override
        public String describe() {
            return "its " + endLine + " line";
        }
    }

    /** The brace that closes the object the first line opens; braces inside strings do not count. */
    private static final class JsonEnd implements End {
        private int depth;
        private boolean inString;
        private boolean escaped;

        @Override
        public boolean reached(String line) {
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (inString) {
                    if (escaped) {
                        escaped = false;
                    } else if (c == '\\') {
                        escaped = true;
                    } else if (c == '"') {
                        inString = false;
                    }
                } else if (c == '"') {
                    inString = true;
                } else if (c == '{') {
                    depth++;
                } else if (c == '}' && --depth == 0) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String describe() {
            return "the closing brace of its JSON object";
        }
    }
}
