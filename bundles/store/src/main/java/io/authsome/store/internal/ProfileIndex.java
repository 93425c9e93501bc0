package io.authsome.store.internal;

import io.authsome.api.vault.Connection;
import io.authsome.api.vault.ConnectionInfo;
import io.authsome.common.seal.RecordCodec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The non-secret facts of every connection of a profile and each provider's default, kept in
 * one encrypted record so that {@code list} costs one decryption however many connections there
 * are. Changed only under the vault lock. Not thread-safe.
 */
final class ProfileIndex {
    private record Entry(String provider, String name, String state, Map<String, String> attributes,
                         String updatedAt, String expiresAt) {
    }

    private final TreeMap<String, Entry> entries = new TreeMap<>();
    private final TreeMap<String, String> defaults = new TreeMap<>();

    /** An index with the same entries and defaults, to change without changing this one. */
    ProfileIndex copy() {
        ProfileIndex copy = new ProfileIndex();
        copy.entries.putAll(entries);
        copy.defaults.putAll(defaults);
        return copy;
    }

    boolean contains(String provider, String name) {
        return entries.containsKey(key(provider, name));
    }

    Optional<String> defaultOf(String provider) {
        return Optional.ofNullable(defaults.get(provider));
    }

    /** Records {@code connection}; the first connection of a provider becomes its default. */
    void put(Connection connection) {
        entries.put(key(connection.provider(), connection.name()), new Entry(connection.provider(), connection.name(),
                connection.state().id(), connection.attributes(), connection.updatedAt().toString(),
                connection.expiresAt() == null ? null : connection.expiresAt().toString()));
        defaults.putIfAbsent(connection.provider(), connection.name());
    }

    /** Forgets a connection; when it was the default, the provider's first other connection takes over. */
    void remove(String provider, String name) {
        entries.remove(key(provider, name));
        if (name.equals(defaults.get(provider))) {
            defaults.remove(provider);
            names(provider).stream().findFirst().ifPresent(next -> defaults.put(provider, next));
        }
    }

    void setDefault(String provider, String name) {
        defaults.put(provider, name);
    }

    List<ConnectionInfo> infos() {
        List<ConnectionInfo> infos = new ArrayList<>();
        for (Entry entry : entries.values()) {
            infos.add(new ConnectionInfo(entry.provider(), entry.name(), RecordCodec.state(entry.state()),
                    entry.name().equals(defaults.get(entry.provider())), entry.attributes(),
                    RecordCodec.instant(entry.updatedAt()), RecordCodec.instant(entry.expiresAt())));
        }
        return infos;
    }

    List<String> names(String provider) {
        List<String> names = new ArrayList<>();
        for (Entry entry : entries.values()) {
            if (entry.provider().equals(provider)) {
                names.add(entry.name());
            }
        }
        return names;
    }

    Map<String, Object> toJson() {
        List<Map<String, Object>> connections = new ArrayList<>();
        for (Entry entry : entries.values()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("provider", entry.provider());
            json.put("name", entry.name());
            json.put("state", entry.state());
            json.put("attributes", new LinkedHashMap<>(entry.attributes()));
            json.put("updated_at", entry.updatedAt());
            json.put("expires_at", entry.expiresAt());
            connections.add(json);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("version", 1);
        json.put("defaults", new LinkedHashMap<>(defaults));
        json.put("connections", connections);
        return json;
    }

    static ProfileIndex fromJson(Map<?, ?> json) {
        ProfileIndex index = new ProfileIndex();
        for (Object item : (List<?>) json.get("connections")) {
            Map<?, ?> entry = (Map<?, ?>) item;
            String provider = (String) entry.get("provider");
            String name = (String) entry.get("name");
            index.entries.put(key(provider, name), new Entry(provider, name, (String) entry.get("state"),
                    RecordCodec.strings(entry.get("attributes")), (String) entry.get("updated_at"),
                    (String) entry.get("expires_at")));
        }
        ((Map<?, ?>) json.get("defaults")).forEach((provider, name) -> index.defaults.put((String) provider, (String) name));
        return index;
    }

    private static String key(String provider, String name) {
        return provider + "\u0000" + name;
    }
}
