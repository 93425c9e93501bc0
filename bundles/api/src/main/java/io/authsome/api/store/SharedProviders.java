package io.authsome.api.store;

import io.authsome.api.AuthsomeException;
import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The custom provider definitions ({@code authsome register}) of a store several homes share:
 * registered once, known in every home. Each home keeps a copy in its {@code providers/} folder,
 * which the catalog brings in line with the store.
 */
@ConsumerType
public interface SharedProviders {
    /** Every definition the store keeps: the provider name to its JSON, as registered. */
    Map<String, byte[]> all() throws AuthsomeException;

    /** Keeps {@code json} as the definition of {@code name}, replacing one it had. */
    void put(String name, byte[] json) throws AuthsomeException;

    /** Forgets the definition of {@code name}; nothing happens when there is none. */
    void remove(String name) throws AuthsomeException;
}
