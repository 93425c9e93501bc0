package io.authsome.proxy.internal;

import io.authsome.api.plugin.CredentialInjector;
import io.authsome.common.plugin.Plugins;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The credential injectors that provider bundles register, by id, for every proxy of this
 * runtime: one that comes or goes while a proxy runs is used, or no longer, from its next
 * request on. Thread-safe.
 */
@Component(service = Injectors.class)
public final class Injectors {
    private final Plugins<CredentialInjector> running = new Plugins<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void add(CredentialInjector injector, Map<String, Object> properties) {
        running.add(injector, properties);
    }

    void remove(CredentialInjector injector, Map<String, Object> properties) {
        running.remove(injector, properties);
    }

    /** The running injector of {@code id}. */
    Optional<CredentialInjector> find(String id) {
        return running.find(id);
    }
}
