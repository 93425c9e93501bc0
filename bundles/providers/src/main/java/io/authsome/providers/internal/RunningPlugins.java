package io.authsome.providers.internal;

import io.authsome.api.plugin.CredentialInjector;
import io.authsome.api.plugin.TokenMinter;
import io.authsome.api.provider.AuthType;
import io.authsome.api.provider.Provider;
import io.authsome.api.provider.ProviderProblem;
import io.authsome.common.plugin.Plugins;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Which provider plugins run now, for the catalog's problems and the state {@code list} and
 * {@code inspect} show: a provider of {@code auth_type plugin} whose plugin no running bundle
 * registers (its bundle is missing, stopped, or a drop-in not yet trusted) cannot log in or
 * inject. A service of this bundle only. Thread-safe.
 */
@Component(service = RunningPlugins.class)
public final class RunningPlugins {
    /** The state shown for a provider whose plugin is not running. */
    public static final String MISSING_STATE = "plugin_missing";
    /** The JSON field a missing plugin's problem names. */
    static final String FIELD = "injector";

    private final Plugins<CredentialInjector> injectors = new Plugins<>();
    private final Plugins<TokenMinter> minters = new Plugins<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addInjector(CredentialInjector injector, Map<String, Object> properties) {
        injectors.add(injector, properties);
    }

    void removeInjector(CredentialInjector injector, Map<String, Object> properties) {
        injectors.remove(injector, properties);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addMinter(TokenMinter minter, Map<String, Object> properties) {
        minters.add(minter, properties);
    }

    void removeMinter(TokenMinter minter, Map<String, Object> properties) {
        minters.remove(minter, properties);
    }

    /** Whether {@code provider} names a plugin that no running bundle provides; never for other providers. */
    public boolean missing(Provider provider) {
        if (provider.definition().authType() != AuthType.PLUGIN) {
            return false;
        }
        String id = provider.definition().injector();
        return injectors.find(id).isEmpty() && minters.find(id).isEmpty();
    }

    /**
     * What a plugin provider's requests carry, for {@code inspect}: a signature its injector makes,
     * or a token its minter mints sent with the header template; empty for other providers and
     * while the plugin is missing.
     */
    public Optional<String> injects(Provider provider) {
        if (provider.definition().authType() != AuthType.PLUGIN) {
            return Optional.empty();
        }
        String id = provider.definition().injector();
        if (injectors.find(id).isPresent()) {
            return Optional.of("headers the plugin '" + id + "' sets on each request (a signature)");
        }
        return minters.find(id).map(minter -> provider.definition().injection().describe()
                + ", with the token the plugin '" + id + "' mints");
    }

    /** The problem of a provider whose plugin is {@link #missing}, as the catalog reports it. */
    public static ProviderProblem problem(Provider provider) {
        return new ProviderProblem(provider.origin(), FIELD, Plugins.missing(provider).getMessage());
    }

    /** What to do about a provider whose plugin is missing. */
    public static String nextStep(Provider provider) {
        return "add the provider bundle that carries the plugin '" + provider.definition().injector()
                + "' to the dropins folder (a drop-in starts once trusted: authsome bundles trust <jar>); authsome"
                + " bundles shows what runs";
    }
}
