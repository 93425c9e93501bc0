package io.authsome.common.plugin;

import io.authsome.api.plugin.ConnectionFields;
import io.authsome.api.plugin.CredentialField;
import io.authsome.api.plugin.CredentialPlugin;
import io.authsome.api.vault.Connection;
import io.authsome.api.vault.Secret;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A stored connection's fields as its plugin sees them: only the fields the plugin declares, a
 * secret field from the connection's secrets, any other from its attributes. The plugin sees
 * nothing else of the connection, and nothing of the vault.
 */
public final class StoredFields {
    private StoredFields() {
    }

    /** The fields of {@code connection} that {@code plugin} declares. */
    public static ConnectionFields of(Connection connection, CredentialPlugin plugin) {
        Map<String, String> values = new LinkedHashMap<>();
        for (CredentialField field : plugin.fields()) {
            String value = field.secret() ? reveal(connection.secrets().get(field.name()))
                    : connection.attributes().get(field.name());
            if (value != null) {
                values.put(field.name(), value);
            }
        }
        return ConnectionFields.of(connection.id(), values);
    }

    private static String reveal(Secret secret) {
        return secret == null ? null : secret.reveal();
    }
}
