package io.authsome.proxy.internal;

import java.security.Provider;
import java.security.Security;
import java.util.function.Supplier;

/** The JCA providers of the proxy's own, registered once a process. */
final class JcaProviders {
    private JcaProviders() {
    }

    /**
     * Registers the provider {@code name}, of class {@code type}, made by {@code make}, at
     * {@code position} (1 first, 0 last), unless it is registered already. One of that name left by
     * an earlier copy of this bundle, whose classes take nothing of this copy's, is replaced.
     */
    static synchronized void install(String name, Class<? extends Provider> type, Supplier<? extends Provider> make,
            int position) {
        Provider existing = Security.getProvider(name);
        if (existing != null && existing.getClass() == type) {
            return;
        }
        if (existing != null) {
            Security.removeProvider(name);
        }
        Provider provider = make.get();
        if (position > 0) {
            Security.insertProviderAt(provider, position);
        } else {
            Security.addProvider(provider);
        }
    }
}
