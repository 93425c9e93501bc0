package io.authsome.store.internal.connection;

import io.authsome.api.vault.Connection;
import io.authsome.common.text.NextStep;
import java.util.LinkedHashMap;
import java.util.Map;

/** A connection as commands show it: metadata, and secrets only when asked for. */
final class ConnectionView {
    static final String REDACTED = "[redacted]";

    private ConnectionView() {
    }

    static Map<String, Object> of(Connection connection, String profile, boolean isDefault, boolean showSecrets) {
        Map<String, Object> secrets = new LinkedHashMap<>();
        connection.secrets().forEach((name, secret) -> secrets.put(name, showSecrets ? secret.reveal() : REDACTED));
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("provider", connection.provider());
        view.put("connection", connection.name());
        view.put("profile", profile);
        view.put("state", connection.state().id());
        view.put("default", isDefault);
        view.putAll(connection.attributes());
        view.put("created_at", connection.createdAt().toString());
        view.put("updated_at", connection.updatedAt().toString());
        view.put("expires_at", connection.expiresAt() == null ? null : connection.expiresAt().toString());
        view.put("secrets", secrets);
        String next = NextStep.forState(connection.provider(), connection.state(),
                connection.attributes().get("last_error"));
        if (next != null) {
            view.put("next_step", next);
        }
        return view;
    }
}
