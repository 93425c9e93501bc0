package io.authsome.common.seal;

import io.authsome.api.vault.Connection;
import io.authsome.api.vault.ConnectionState;
import io.authsome.api.vault.OAuthClient;
import io.authsome.api.vault.Secret;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Connections and OAuth clients as the JSON values inside their encrypted records. */
public final class RecordCodec {
    private RecordCodec() {
    }

    public static Map<String, Object> toJson(Connection connection) {
        Map<String, Object> secrets = new LinkedHashMap<>();
        connection.secrets().forEach((name, secret) -> secrets.put(name, secret.reveal()));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("provider", connection.provider());
        json.put("name", connection.name());
        json.put("state", connection.state().id());
        json.put("secrets", secrets);
        json.put("attributes", new LinkedHashMap<>(connection.attributes()));
        json.put("created_at", connection.createdAt().toString());
        json.put("updated_at", connection.updatedAt().toString());
        json.put("expires_at", connection.expiresAt() == null ? null : connection.expiresAt().toString());
        return json;
    }

    public static Connection fromJson(Map<?, ?> json) {
        Map<String, Secret> secrets = new LinkedHashMap<>();
        ((Map<?, ?>) json.get("secrets")).forEach((name, value) -> secrets.put((String) name, Secret.of((String) value)));
        return new Connection((String) json.get("provider"), (String) json.get("name"), state(json.get("state")),
                secrets, strings(json.get("attributes")), Instant.parse((String) json.get("created_at")),
                Instant.parse((String) json.get("updated_at")), instant(json.get("expires_at")));
    }

    public static Map<String, Object> toJson(OAuthClient client) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("provider", client.provider());
        json.put("client_id", client.clientId());
        json.put("client_secret", client.clientSecret() == null ? null : client.clientSecret().reveal());
        json.put("attributes", new LinkedHashMap<>(client.attributes()));
        json.put("created_at", client.createdAt().toString());
        return json;
    }

    public static OAuthClient clientFromJson(Map<?, ?> json) {
        Object secret = json.get("client_secret");
        return new OAuthClient((String) json.get("provider"), (String) json.get("client_id"),
                secret == null ? null : Secret.of((String) secret), strings(json.get("attributes")),
                Instant.parse((String) json.get("created_at")));
    }

    public static ConnectionState state(Object id) {
        return ConnectionState.valueOf(String.valueOf(id).toUpperCase(java.util.Locale.ROOT));
    }

    public static Instant instant(Object value) {
        return value == null ? null : Instant.parse((String) value);
    }

    public static Map<String, String> strings(Object value) {
        Map<String, String> strings = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> strings.put((String) key, String.valueOf(item)));
        }
        return strings;
    }
}
