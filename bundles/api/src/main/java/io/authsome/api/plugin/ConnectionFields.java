package io.authsome.api.plugin;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The fields of one connection as its plugin sees them: the values of its
 * {@link CredentialField}s, secret or not, and nothing else of the vault. Values of secret fields
 * are secrets: a plugin must not log them, put them in an exception message or keep them beyond
 * the call. {@link #toString()} of an implementation shows the names only.
 */
public interface ConnectionFields {
    /** The connection, as {@code provider/name}, for messages. */
    String connection();

    /** The value of field {@code name}, when the connection has one. */
    Optional<String> get(String name);

    /**
     * The value of a required field.
     *
     * @throws IllegalStateException when the connection has no such field (a plugin bug: required
     *                               fields are checked at login)
     */
    default String require(String name) {
        return get(name).orElseThrow(() -> new IllegalStateException(connection() + " has no field " + name));
    }

    /** The names of the fields the connection holds. */
    Set<String> names();

    /** Fields of a connection, from a map of values, for a login's check and for tests. */
    static ConnectionFields of(String connection, Map<String, String> values) {
        Map<String, String> copy = Map.copyOf(values);
        return new ConnectionFields() {
            @Override
            public String connection() {
                return connection;
            }

            @Override
            public Optional<String> get(String name) {
                return Optional.ofNullable(copy.get(name)).filter(v -> !v.isEmpty());
            }

            @Override
            public Set<String> names() {
                return copy.keySet();
            }

            @Override
            public String toString() {
                return "ConnectionFields[" + connection + " " + copy.keySet() + "]";
            }
        };
    }
}
