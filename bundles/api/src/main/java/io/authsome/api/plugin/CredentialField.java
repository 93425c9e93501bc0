package io.authsome.api.plugin;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One value that {@code login} asks for and a plugin's connection stores.
 *
 * @param name     the field's name in the connection ({@code ^[a-z][a-z0-9_]*$}), e.g.
 *                 {@code secret_access_key}
 * @param label    what the prompt calls it, e.g. {@code Secret access key}
 * @param secret   whether the value is a secret: asked for masked, stored encrypted as a secret,
 *                 never shown without {@code --show-secret}; a field that is not secret is a
 *                 plain attribute of the connection (an id, a region)
 * @param optional whether the login goes on without it (an empty answer)
 * @param kind     what the answer is: the value itself, or the path of a file holding it
 * @param env      environment variables that give the value at login, in order of preference
 *                 (for a {@link Kind#FILE} field, the variable holds the path)
 */
public record CredentialField(String name, String label, boolean secret, boolean optional, Kind kind,
                              List<String> env) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    /** What the answer to a field's prompt is. */
    public enum Kind {
        /** The value itself, on one line. */
        TEXT,
        /**
         * The path of a file whose contents are the value (a PEM private key, a JSON key file);
         * on standard input the contents may also come inline (a PEM block, a JSON object).
         */
        FILE
    }

    public CredentialField {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(kind, "kind");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a field name is lowercase letters, digits and _: " + name);
        }
        env = List.copyOf(env);
    }

    /** A required secret given as text. */
    public static CredentialField secret(String name, String label, String... env) {
        return new CredentialField(name, label, true, false, Kind.TEXT, List.of(env));
    }

    /** A required value that is not secret, given as text. */
    public static CredentialField text(String name, String label, String... env) {
        return new CredentialField(name, label, false, false, Kind.TEXT, List.of(env));
    }

    /** A required secret read from a file whose path is given. */
    public static CredentialField secretFile(String name, String label, String... env) {
        return new CredentialField(name, label, true, false, Kind.FILE, List.of(env));
    }

    /** This field, but optional. */
    public CredentialField asOptional() {
        return new CredentialField(name, label, secret, true, kind, env);
    }
}
