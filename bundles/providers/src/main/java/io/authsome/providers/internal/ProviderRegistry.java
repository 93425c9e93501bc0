package io.authsome.providers.internal;

import io.authsome.api.provider.Provider;
import io.authsome.api.provider.ProviderProblem;
import io.authsome.api.provider.ProviderSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * The providers and problems of every source (a provider bundle, a JSON file), keyed by origin.
 * Publishing a source registers its providers as OSGi services on the context it is given (the
 * provider bundle's own for bundles); withdrawing it unregisters them. Readers get an immutable
 * snapshot, rebuilt on every change. Thread-safe.
 */
final class ProviderRegistry {
    private record Source(List<Provider> providers, List<ProviderProblem> problems,
                          List<ServiceRegistration<Provider>> registrations) {
    }

    private record Snapshot(List<Provider> effective, Map<String, Provider> byName, List<ProviderProblem> problems) {
        static final Snapshot EMPTY = new Snapshot(List.of(), Map.of(), List.of());
    }

    private final Map<String, Source> sources = new HashMap<>();
    private volatile Snapshot snapshot = Snapshot.EMPTY;

    /** Replaces whatever {@code origin} published before. */
    synchronized void publish(String origin, List<Provider> providers, List<ProviderProblem> problems,
                              BundleContext registrar) {
        unregister(sources.remove(origin));
        List<ServiceRegistration<Provider>> registrations = new ArrayList<>();
        for (Provider provider : providers) {
            registrations.add(registrar.registerService(Provider.class, provider, properties(provider)));
        }
        sources.put(origin, new Source(List.copyOf(providers), List.copyOf(problems), registrations));
        rebuild();
    }

    synchronized void withdraw(String origin) {
        if (sources.containsKey(origin)) {
            unregister(sources.remove(origin));
            rebuild();
        }
    }

    synchronized void withdrawAll() {
        sources.values().forEach(ProviderRegistry::unregister);
        sources.clear();
        rebuild();
    }

    List<Provider> effective() {
        return snapshot.effective();
    }

    Provider byName(String name) {
        return snapshot.byName().get(name);
    }

    List<ProviderProblem> problems() {
        return snapshot.problems();
    }

    private static Dictionary<String, Object> properties(Provider provider) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(Provider.NAME, provider.name());
        properties.put(Provider.SOURCE, provider.source().id());
        return properties;
    }

    private static void unregister(Source source) {
        if (source == null) {
            return;
        }
        for (ServiceRegistration<Provider> registration : source.registrations()) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // The provider bundle stopped first and the framework unregistered its services.
            }
        }
    }

    private void rebuild() {
        Map<String, List<Provider>> candidates = new TreeMap<>();
        List<ProviderProblem> problems = new ArrayList<>();
        for (Source source : sources.values()) {
            problems.addAll(source.problems());
            for (Provider provider : source.providers()) {
                candidates.computeIfAbsent(provider.name(), name -> new ArrayList<>()).add(provider);
            }
        }
        List<Provider> effective = new ArrayList<>();
        Map<String, Provider> byName = new HashMap<>();
        for (List<Provider> same : candidates.values()) {
            same.sort(Comparator.comparingInt((Provider p) -> -rank(p.source())).thenComparing(Provider::origin));
            Provider winner = same.get(0);
            effective.add(winner);
            byName.put(winner.name(), winner);
            for (Provider loser : same.subList(1, same.size())) {
                if (loser.source() == winner.source()) {
                    problems.add(new ProviderProblem(loser.origin(), "name", "provider '" + loser.name()
                            + "' is also defined by " + winner.origin() + "; this definition is ignored"));
                }
            }
        }
        problems.sort(Comparator.comparing(ProviderProblem::origin));
        snapshot = new Snapshot(List.copyOf(effective), Map.copyOf(byName), List.copyOf(problems));
    }

    /** Higher shadows lower: a user's own registration beats a drop-in, which beats a bundled provider. */
    private static int rank(ProviderSource source) {
        return switch (source) {
            case CUSTOM -> 3;
            case DROP_IN -> 2;
            case BUNDLED -> 1;
        };
    }
}
