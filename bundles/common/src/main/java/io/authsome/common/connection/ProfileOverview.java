package io.authsome.common.connection;

import io.authsome.api.AuthsomeException;
import io.authsome.api.provider.Provider;
import io.authsome.api.provider.ProviderCatalog;
import io.authsome.api.vault.ConnectionInfo;
import io.authsome.api.vault.ConnectionState;
import io.authsome.api.vault.ProfileStore;
import io.authsome.api.vault.Vault;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every provider of the catalog with its connections in one profile and the state {@code list}
 * shows: {@code available} (nothing stored), {@code configured} (an OAuth client, no connection),
 * else the shown state of the default connection. {@code list} and the dashboard both show it.
 *
 * @param profile   the profile
 * @param providers the providers in catalog order
 */
public record ProfileOverview(String profile, List<Entry> providers) {
    /** One provider: its state and its connections, each with the state shown for it. */
    public record Entry(Provider provider, String state, List<Shown> connections) {
        public Entry {
            connections = List.copyOf(connections);
        }
    }

    /** One connection and the state shown for it (with its next step). */
    public record Shown(ConnectionInfo info, ShownState state) {
    }

    public ProfileOverview {
        providers = List.copyOf(providers);
    }

    /** The overview of {@code profile} now; every provider is {@code available} while no vault exists. */
    public static ProfileOverview of(ProviderCatalog catalog, Vault vault, String profile, Instant now)
            throws AuthsomeException {
        Map<String, List<Shown>> connections = new HashMap<>();
        ProfileStore store = vault.exists() ? vault.profile(profile) : null;
        if (store != null) {
            for (ConnectionInfo info : store.connections()) {
                connections.computeIfAbsent(info.provider(), p -> new ArrayList<>())
                        .add(new Shown(info, ShownState.of(info, store, now)));
            }
        }
        List<Entry> entries = new ArrayList<>();
        for (Provider provider : catalog.providers()) {
            List<Shown> own = connections.getOrDefault(provider.name(), List.of());
            String state = own.stream().filter(shown -> shown.info().isDefault()).findFirst()
                    .map(shown -> shown.state().state().id()).orElse(ConnectionState.AVAILABLE.id());
            if (own.isEmpty() && store != null && hasClient(store, provider.name())) {
                state = ConnectionState.CONFIGURED.id();
            }
            entries.add(new Entry(provider, state, own));
        }
        return new ProfileOverview(store == null ? profile : store.name(), entries);
    }

    /** The entry of provider {@code name}, if the catalog has it. */
    public java.util.Optional<Entry> provider(String name) {
        return providers.stream().filter(entry -> entry.provider().name().equals(name)).findFirst();
    }

    /** A damaged client record does not stop the overview; doctor names it. */
    private static boolean hasClient(ProfileStore store, String provider) {
        try {
            return store.client(provider).isPresent();
        } catch (AuthsomeException damaged) {
            return false;
        }
    }
}
