package io.authsome.common.plugin;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.plugin.CredentialPlugin;
import io.authsome.api.provider.Provider;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The provider plugins of one kind that are running, by their id ({@link CredentialPlugin#ID}),
 * as a component's dynamic reference adds and removes them. When two services claim one id, the
 * first stays until it goes. Thread-safe.
 *
 * @param <T> the plugin service type
 */
public final class Plugins<T extends CredentialPlugin> {
    private final Map<String, T> byId = new ConcurrentHashMap<>();

    /** Adds {@code plugin}, registered with {@code properties}; one without an id is ignored. */
    public void add(T plugin, Map<String, ?> properties) {
        String id = id(properties);
        if (id != null) {
            byId.putIfAbsent(id, plugin);
        }
    }

    /** Removes {@code plugin}, registered with {@code properties}. */
    public void remove(T plugin, Map<String, ?> properties) {
        String id = id(properties);
        if (id != null) {
            byId.remove(id, plugin);
        }
    }

    /** The running plugin of {@code id}. */
    public Optional<T> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(byId.get(id));
    }

    /**
     * The plugin that {@code provider} names.
     *
     * @throws AuthsomeException {@code NOT_ALLOWED} when none is running (its bundle is missing,
     *                           stopped, or a drop-in not yet trusted)
     */
    public T require(Provider provider) throws AuthsomeException {
        String id = provider.definition().injector();
        return find(id).orElseThrow(() -> missing(provider));
    }

    /** The failure of a provider whose plugin is not running. */
    public static AuthsomeException missing(Provider provider) {
        return new AuthsomeException(ErrorCode.NOT_ALLOWED, "provider " + provider.name() + " needs the plugin '"
                + provider.definition().injector() + "', and no running bundle provides it", "authsome doctor");
    }

    private static String id(Map<String, ?> properties) {
        Object id = properties.get(CredentialPlugin.ID);
        return id instanceof String text && !text.isBlank() ? text : null;
    }
}
