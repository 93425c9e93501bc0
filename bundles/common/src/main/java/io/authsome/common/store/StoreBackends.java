package io.authsome.common.store;

import io.authsome.api.store.StoreBackend;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The store backends registered in the framework, by the {@value StoreBackend#BACKEND} they serve:
 * what a component that binds them dynamically keeps, to find the one {@code store.backend} names.
 * Thread-safe.
 */
public final class StoreBackends {
    private final Map<String, StoreBackend> backends = new ConcurrentHashMap<>();

    /** A backend came, with its service properties. */
    public void add(StoreBackend backend, Map<String, Object> properties) {
        if (properties.get(StoreBackend.BACKEND) instanceof String name) {
            backends.put(name, backend);
        }
    }

    /** A backend went. */
    public void remove(StoreBackend backend, Map<String, Object> properties) {
        backends.remove(String.valueOf(properties.get(StoreBackend.BACKEND)), backend);
    }

    /** The backend that serves {@code name}, if its bundle runs. */
    public Optional<StoreBackend> named(String name) {
        return Optional.ofNullable(name == null ? null : backends.get(name));
    }
}
