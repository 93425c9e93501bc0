package io.authsome.proxy.internal;

import io.authsome.api.AuthsomeException;
import io.authsome.api.agent.Agents;
import io.authsome.api.audit.AuditLog;
import io.authsome.api.config.Config;
import io.authsome.api.config.Configuration;
import io.authsome.api.config.Setting;
import io.authsome.api.credential.CredentialResolver;
import io.authsome.api.home.HomeLayout;
import io.authsome.api.provider.ProviderCatalog;
import io.authsome.api.vault.Vault;
import io.authsome.common.files.GroupAccess;
import io.authsome.common.files.PrivateFiles;
import io.authsome.common.home.Homes;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The daemon's shared proxy for long-running agents: the engine of {@code authsome run} on
 * 127.0.0.1:{@code daemon.proxy_port}, admitting only clients that present an agent credential
 * ({@link AgentGate}), injecting only for the providers each agent is allowed
 * ({@link AgentContexts}), and auditing every request under the agent's name. When it starts it
 * writes the agents' CA bundle and trust store ({@link Agents#caBundle}, {@link Agents#trustStore}).
 * It takes more connections at once than a run's proxy ({@link ProxyLimits#SHARED}): many agents,
 * each with a connection pool, share it. Deactivation lets the requests in flight finish,
 * {@value #STOP_GRACE_MILLIS} ms at most.
 * <p>
 * Disabled by default: {@link SharedProxyStarter} enables it in the daemon only, so a one-shot
 * command neither opens the port nor activates the services it references.
 */
@Component(name = SharedProxy.NAME, enabled = false, service = {})
public final class SharedProxy {
    /** The component's name, for {@link SharedProxyStarter}. */
    static final String NAME = "io.authsome.proxy.shared";
    /** What its warnings start with. */
    static final String LABEL = "authsome shared proxy";
    /** How long stopping waits for requests in flight. */
    static final long STOP_GRACE_MILLIS = 10_000;

    @Reference
    private Agents agents;

    @Reference
    private ProviderCatalog catalog;

    @Reference
    private Vault vault;

    @Reference
    private CredentialResolver resolver;

    @Reference
    private AuditLog auditLog;

    @Reference
    private Configuration configuration;

    @Reference
    private Injectors injectors;

    /** Standard error of the daemon, which keeps it in its log. */
    PrintStream warnings = System.err;

    private ProxyServer server;
    private ProxyAudit audit;

    @Activate
    void activate(BundleContext context) {
        if (SharedProxyStarter.inDaemon(context)) {
            start(Homes.layout(context), System.getenv());
        }
    }

    /**
     * Listens on the configured port, or tells on {@link #warnings} why not (a port of 0 turns the
     * shared proxy off without a word).
     *
     * @param environment the daemon's environment: a corporate {@code HTTPS_PROXY}, an inherited {@code SSL_CERT_FILE}
     */
    void start(HomeLayout home, Map<String, String> environment) {
        Config config = configuration.current();
        Setting<Integer> port = config.daemon().proxyPort();
        if (port.problem() != null) {
            warnings.println(LABEL + ": not started: " + port.problem() + "; next: " + port.fix());
            return;
        }
        if (port.value() == 0) {
            return;
        }
        if (port.value().equals(config.callback().port().value())) {
            warnings.println(LABEL + ": warning: daemon.proxy_port and callback.port are both " + port.value()
                    + ", so browser logins cannot listen for their callback while the daemon runs; set daemon.proxy_port"
                    + " in " + home.config() + " to another port");
        }
        try {
            CertificateAuthority ca = ProxySetup.certificateAuthority(home.ca());
            UpstreamConnector connector = ProxySetup.connector(config.proxy(), home.config(), environment);
            publishTrust(ca, home, environment.get("SSL_CERT_FILE"), config.daemon().socketGroup());
            audit = new ProxyAudit(auditLog);
            AgentContexts contexts = new AgentContexts(catalog, vault, resolver, injectors, configuration, audit,
                    home.config(), environment);
            ProxyContext proxy = new ProxyContext(new RouteTable(List.of()), new CredentialSource(resolver,
                    injectors, config.profile()), new NoCredentials(NoCredentials.Policy.PASS, null), connector, new InterceptTls(ca),
                    new AgentGate(agents, contexts, audit), audit, ProxyServer.newThreads(), warnings, false, LABEL,
                    ConcurrentHashMap.newKeySet());
            server = ProxyServer.start(proxy, port.value(), ProxyLimits.SHARED);
            warnings.println(LABEL + ": listening on 127.0.0.1:" + server.port());
        } catch (AuthsomeException e) {
            warnings.println(LABEL + ": not started: " + e.getMessage()
                    + (e.nextStep() == null ? "" : "; next: " + e.nextStep()));
            stopAudit();
        } catch (IOException e) {
            warnings.println(LABEL + ": not started: cannot listen on 127.0.0.1:" + port.value() + ": " + e.getMessage()
                    + "; next: free the port, or set daemon.proxy_port in " + home.config());
            stopAudit();
        }
    }

    /** The port it listens on, or -1 when it does not. */
    int port() {
        return server == null ? -1 : server.port();
    }

    @Deactivate
    void deactivate() {
        if (server != null) {
            server.stop(STOP_GRACE_MILLIS);
            server = null;
        }
        stopAudit();
    }

    private void stopAudit() {
        if (audit != null) {
            audit.close();
            audit = null;
        }
    }

    /**
     * Copies the CA bundle and trust store of a {@code run} child (the system's roots, the inherited
     * {@code SSL_CERT_FILE}, the proxy CA) to the fixed paths that {@code agent add} prints, which
     * an agent's configuration can name for good; a file already up to date is left alone. With
     * {@code daemon.socket_group}, that group may read them (the agents' user of a daemon that runs
     * as its own user): {@code ca/} 0710, {@code ca/agents/} 0750, the files 0640.
     */
    private void publishTrust(CertificateAuthority ca, HomeLayout home, String inheritedBundle,
                              Setting<Optional<String>> socketGroup) {
        try {
            ChildTrust trust = ProxySetup.childTrust(ca, home.ca(), inheritedBundle);
            copy(trust.bundle(), Agents.caBundle(home));
            copy(trust.trustStore(), Agents.trustStore(home));
        } catch (AuthsomeException | IOException e) {
            warnings.println(LABEL + ": warning: cannot write the agents' CA files in " + Agents.caBundle(home).getParent()
                    + ": " + e.getMessage());
            return;
        }
        if (socketGroup.value() != null && socketGroup.value().isPresent()) {
            try {
                GroupPrincipal group = GroupAccess.group(home.ca(), socketGroup.value().get());
                GroupAccess.give(home.ca(), group, GroupAccess.TRAVERSE);
                GroupAccess.shareReadable(Agents.caBundle(home).getParent(), group);
            } catch (IOException e) {
                warnings.println(LABEL + ": warning: cannot let the group '" + socketGroup.value().get() + "' read the"
                        + " agents' CA files in " + Agents.caBundle(home).getParent() + ": "
                        + (e instanceof UserPrincipalNotFoundException ? "no such group" : e.getMessage()));
            }
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        byte[] content = Files.readAllBytes(from);
        if (!Files.isRegularFile(to) || !Arrays.equals(Files.readAllBytes(to), content)) {
            PrivateFiles.writeAtomically(to, content);
        }
    }
}
