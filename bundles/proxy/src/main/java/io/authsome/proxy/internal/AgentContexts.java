package io.authsome.proxy.internal;

import io.authsome.api.AuthsomeException;
import io.authsome.api.agent.Agent;
import io.authsome.api.agent.Grant;
import io.authsome.api.config.Config;
import io.authsome.api.config.Configuration;
import io.authsome.api.config.ProxyConfig;
import io.authsome.api.credential.CredentialResolver;
import io.authsome.api.provider.Provider;
import io.authsome.api.provider.ProviderCatalog;
import io.authsome.api.vault.ConnectionInfo;
import io.authsome.api.vault.ProfileStore;
import io.authsome.api.vault.Vault;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The context of each request of an agent of the shared proxy: the routes of the providers it is
 * allowed (each with the connection its grant names, else the default one of the agent's profile)
 * and the routes of every other provider withheld, its profile's credentials, its audit view.
 * Made from the catalog, the profile index and {@code config.json} as they are at each request, so
 * connections added, refreshed or removed after the proxy started count at once; made again only
 * when one of them changed since the agent's last request, else the same context is returned.
 * Thread-safe.
 */
final class AgentContexts {
    private final ProviderCatalog catalog;
    private final Vault vault;
    private final CredentialResolver resolver;
    private final Injectors injectors;
    private final Configuration configuration;
    private final ProxyAudit audit;
    private final Path configFile;
    private final Map<String, String> environment;
    private final Map<String, Made> made = new ConcurrentHashMap<>();
    private volatile Upstream upstream;

    /** What an agent's context was made from. */
    private record Inputs(Agent agent, List<ConnectionInfo> connections, List<Provider> providers,
                          NoCredentials.Policy policy, UpstreamConnector connector) {
        boolean same(Inputs other) {
            return agent.equals(other.agent) && connections.equals(other.connections)
                    && (providers == other.providers || providers.equals(other.providers))
                    && policy == other.policy && connector == other.connector;
        }
    }

    private record Made(Inputs inputs, ProxyContext context) {
    }

    /** The connector of the {@code proxy.*} settings it was made for. */
    private record Upstream(ProxyConfig settings, UpstreamConnector connector) {
    }

    /**
     * @param audit       the shared proxy's audit queue
     * @param configFile  {@code config.json}, for messages
     * @param environment the daemon's environment ({@code HTTPS_PROXY} of a corporate proxy)
     */
    AgentContexts(ProviderCatalog catalog, Vault vault, CredentialResolver resolver, Injectors injectors,
                  Configuration configuration, ProxyAudit audit, Path configFile, Map<String, String> environment) {
        this.catalog = catalog;
        this.vault = vault;
        this.resolver = resolver;
        this.injectors = injectors;
        this.configuration = configuration;
        this.audit = audit;
        this.configFile = configFile;
        this.environment = Map.copyOf(environment);
    }

    /** The context of a request of {@code agent} to the proxy whose own context is {@code proxy}. */
    ProxyContext of(Agent agent, ProxyContext proxy) {
        Config config = configuration.current();
        NoCredentials.Policy policy = policy(config.proxy(), proxy);
        UpstreamConnector connector = connector(config.proxy(), proxy);
        ProfileStore store = null;
        List<ConnectionInfo> connections = List.of();
        try {
            store = vault.profile(agent.profile());
            connections = store.connections();
        } catch (AuthsomeException e) {
            store = null;
            proxy.warnOnce("profile " + agent.profile(), "agent " + agent.name() + " gets no credential: profile "
                    + agent.profile() + " cannot be read: " + e.getMessage()
                    + (e.nextStep() == null ? "" : "; next: " + e.nextStep()));
        }
        Inputs inputs = new Inputs(agent, connections, catalog.providers(), policy, connector);
        Made last = made.get(agent.name());
        if (last != null && last.inputs().same(inputs)) {
            return last.context();
        }
        ProxyContext context = proxy.forClient(routes(agent, store, inputs, proxy),
                new CredentialSource(resolver, injectors, agent.profile()),
                new NoCredentials(store == null ? NoCredentials.Policy.PASS : policy, store), connector,
                audit.as(agent.name()));
        made.put(agent.name(), new Made(inputs, context));
        return context;
    }

    /**
     * The agent's providers with their connections (a connection its grant names that does not
     * exist gives none: the default is not taken instead), and every other provider withheld.
     */
    private RouteTable routes(Agent agent, ProfileStore store, Inputs inputs, ProxyContext proxy) {
        List<Provider> withheld = inputs.providers().stream().filter(provider -> agent.grant(provider.name()).isEmpty())
                .toList();
        if (store == null) {
            return new RouteTable(List.of(), withheld);
        }
        Map<String, String> chosen = new LinkedHashMap<>();
        for (Grant grant : agent.grants()) {
            if (grant.connection() != null && catalog.find(grant.provider()).isPresent()
                    && inputs.connections().stream().anyMatch(info -> info.provider().equals(grant.provider())
                    && info.name().equals(grant.connection()))) {
                chosen.put(grant.provider(), grant.connection());
            }
        }
        try {
            return new RouteTable(RunTargets.of(catalog, store, chosen, inputs.policy() == NoCredentials.Policy.ANSWER,
                    provider -> agent.grant(provider).map(grant -> grant.connection() == null
                            || chosen.containsKey(provider)).orElse(false)), withheld);
        } catch (AuthsomeException e) {
            proxy.warnOnce("routes " + agent.name() + " " + e.getMessage(), "agent " + agent.name()
                    + " gets no credential: " + e.getMessage() + (e.nextStep() == null ? "" : "; next: " + e.nextStep()));
            return new RouteTable(List.of(), withheld);
        }
    }

    /** {@code proxy.unconnected}; a wrong value is told once and the default used (a run would stop instead). */
    private static NoCredentials.Policy policy(ProxyConfig settings, ProxyContext proxy) {
        try {
            return NoCredentials.policy(settings);
        } catch (AuthsomeException e) {
            proxy.warnOnce("policy " + e.getMessage(), e.getMessage() + "; the shared proxy answers as with \"answer\"");
            return NoCredentials.Policy.ANSWER;
        }
    }

    /** The connector of the {@code proxy.*} settings now, made again when they changed. */
    private UpstreamConnector connector(ProxyConfig settings, ProxyContext proxy) {
        Upstream current = upstream;
        if (current != null && current.settings().equals(settings)) {
            return current.connector();
        }
        synchronized (this) {
            current = upstream;
            if (current != null && current.settings().equals(settings)) {
                return current.connector();
            }
            UpstreamConnector connector;
            try {
                connector = ProxySetup.connector(settings, configFile, environment);
            } catch (AuthsomeException e) {
                proxy.warnOnce("upstream " + e.getMessage(), e.getMessage() + "; next: " + e.nextStep()
                        + (current == null ? "" : "; the settings before this change stay in use"));
                connector = current != null ? current.connector() : proxy.connector();
            }
            upstream = new Upstream(settings, connector);
            return connector;
        }
    }
}
