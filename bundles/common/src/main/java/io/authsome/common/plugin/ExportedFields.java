package io.authsome.common.plugin;

import io.authsome.api.provider.AuthType;
import io.authsome.api.provider.ProviderDefinition;
import io.authsome.api.vault.Connection;
import io.authsome.api.vault.Secret;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The variables of a plugin provider's connection: its definition's {@code export.env} maps the
 * names of its fields (and {@code access_token} for a minted token) to variable names. A secret
 * field is one of the connection's secrets, any other one of its attributes; a field the
 * connection does not hold (an optional one left empty) gives no variable. {@code export} shows
 * the values; {@code run} gives its child the values of the fields that are not secret and a
 * placeholder for the secret ones.
 */
public final class ExportedFields {
    /** The attribute of a plugin connection listing the names of the fields it holds, secret or not, in login order. */
    public static final String NAMES = "fields";

    private ExportedFields() {
    }

    /** What a child of {@code run} gets for one variable. */
    public enum Kind {
        /** The value itself: the field is not secret. */
        VALUE,
        /** A placeholder: the field is a secret, which the proxy injects. */
        SECRET,
        /** Nothing: the connection does not hold the field; an inherited value is removed too. */
        ABSENT
    }

    /**
     * A variable of a plugin connection, without its secret value.
     *
     * @param variable the variable's name
     * @param field    the field it carries
     * @param kind     what {@code run} gives for it
     * @param value    the value of a {@link Kind#VALUE} field, else {@code null}
     */
    public record Variable(String variable, String field, Kind kind, String value) {
    }

    /**
     * The variables of a connection with {@code attributes} (a record's, or the profile index's:
     * no secret is read), in the order of its fields, then the other keys by name.
     */
    public static List<Variable> variables(ProviderDefinition definition, Map<String, String> attributes) {
        List<Variable> variables = new ArrayList<>();
        if (definition.authType() != AuthType.PLUGIN) {
            return variables;
        }
        String names = attributes.get(NAMES);
        List<String> held = names == null ? null : Arrays.asList(names.split(","));
        for (String field : keys(definition, held)) {
            Kind kind;
            if (attributes.containsKey(field) && !field.equals(NAMES)) {
                kind = Kind.VALUE;
            } else if (field.equals(Connection.ACCESS_TOKEN) ? attributes.containsKey(Connection.MINTED_BY)
                    : held == null || held.contains(field)) {
                kind = Kind.SECRET;
            } else {
                kind = Kind.ABSENT;
            }
            for (String variable : definition.exportEnv().get(field)) {
                variables.add(new Variable(variable, field, kind, kind == Kind.VALUE ? attributes.get(field) : null));
            }
        }
        return variables;
    }

    /**
     * The values {@code export} prints for a plugin connection: every variable whose field the
     * connection holds, secret values revealed; never a refresh token.
     */
    public static Map<String, String> values(ProviderDefinition definition, Connection connection) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Variable variable : variables(definition, connection.attributes())) {
            if (variable.kind() == Kind.VALUE) {
                values.put(variable.variable(), variable.value());
            } else if (!variable.field().equals(Connection.REFRESH_TOKEN)) {
                Optional.ofNullable(connection.secrets().get(variable.field())).map(Secret::reveal)
                        .ifPresent(value -> values.put(variable.variable(), value));
            }
        }
        return values;
    }

    private static List<String> keys(ProviderDefinition definition, List<String> held) {
        List<String> keys = new ArrayList<>();
        if (held != null) {
            held.stream().filter(definition.exportEnv()::containsKey).forEach(keys::add);
        }
        definition.exportEnv().keySet().stream().filter(key -> !keys.contains(key)).sorted().forEach(keys::add);
        return keys;
    }
}
