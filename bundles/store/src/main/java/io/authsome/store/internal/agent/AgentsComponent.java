package io.authsome.store.internal.agent;

import io.authsome.api.AuthsomeException;
import io.authsome.api.agent.Agent;
import io.authsome.api.agent.Agents;
import io.authsome.api.agent.ListedAgent;
import io.authsome.api.agent.NewAgent;
import io.authsome.api.audit.AuditLog;
import io.authsome.api.config.Configuration;
import io.authsome.api.home.HomeLayout;
import io.authsome.api.provider.ProviderCatalog;
import io.authsome.api.vault.Secret;
import io.authsome.api.vault.Vault;
import io.authsome.common.home.Homes;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The {@link Agents} of the home's {@code agents.json}. Each call reads the file, so an agent
 * added or revoked by any process counts from the next call. When an agent is admitted, when it
 * was last used is recorded in the file at most once per {@link #LAST_USED_EVERY} (by one
 * background thread, made on first use: a one-shot command never makes it), so {@code agent list}
 * can show it without a write per request. Adding and revoking are {@link AgentChanges}'.
 */
@Component(service = Agents.class)
public final class AgentsComponent implements Agents {
    /** How stale {@code last_used} may be. */
    static final Duration LAST_USED_EVERY = Duration.ofMinutes(1);
    /** Checked when the name is unknown, so that an unknown name costs what a wrong credential does. */
    private static final byte[] NO_SALT = AgentCredentials.salt();
    private static final byte[] NO_HASH = AgentCredentials.hash(NO_SALT, AgentCredentials.generate());

    @Reference
    private Vault vault;

    @Reference
    private ProviderCatalog catalog;

    @Reference
    private Configuration configuration;

    @Reference
    private AuditLog audit;

    private AgentFile file;
    private AgentChanges changes;
    private final Map<String, Instant> recording = new ConcurrentHashMap<>();
    private ExecutorService recorder;

    public AgentsComponent() {
    }

    /**
     * Outside a framework (tests): the agents of {@code home}, changed with the services given;
     * {@code recorder} records last use.
     */
    AgentsComponent(HomeLayout home, ExecutorService recorder, Vault vault, ProviderCatalog catalog,
                    Configuration configuration, AuditLog audit) {
        this.vault = vault;
        this.catalog = catalog;
        this.configuration = configuration;
        this.audit = audit;
        this.recorder = recorder;
        start(home);
    }

    @Activate
    void activate(BundleContext context) {
        start(Homes.layout(context));
    }

    private void start(HomeLayout home) {
        file = new AgentFile(home.root());
        changes = new AgentChanges(file, vault, catalog, configuration, audit);
    }

    @Deactivate
    synchronized void deactivate() {
        if (recorder != null) {
            recorder.shutdown();
        }
    }

    @Override
    public Optional<Agent> authenticate(String name, Secret credential) throws AuthsomeException {
        StoredAgent stored = stored(name);
        boolean matches = AgentCredentials.matches(stored == null ? NO_SALT : stored.salt(),
                stored == null ? NO_HASH : stored.hash(), credential.reveal());
        if (stored == null || !matches) {
            return Optional.empty();
        }
        recordUse(stored, Instant.now());
        return Optional.of(stored.agent());
    }

    @Override
    public Optional<Agent> find(String name) throws AuthsomeException {
        return Optional.ofNullable(stored(name)).map(StoredAgent::agent);
    }

    @Override
    public List<ListedAgent> list() throws AuthsomeException {
        return file.read().stream().map(stored -> new ListedAgent(stored.agent(), stored.lastUsed())).toList();
    }

    @Override
    public NewAgent add(String name, String profile, List<String> allow, String via) throws AuthsomeException {
        return changes.add(name, profile, allow, via);
    }

    @Override
    public Agent revoke(String name, String via) throws AuthsomeException {
        return changes.revoke(name, via);
    }

    private StoredAgent stored(String name) throws AuthsomeException {
        List<StoredAgent> agents = file.read();
        for (StoredAgent agent : agents) {
            if (agent.name().equals(name)) {
                return agent;
            }
        }
        return null;
    }

    /** Writes {@code last_used} when the file's is older than {@link #LAST_USED_EVERY} and no write is under way. */
    private void recordUse(StoredAgent stored, Instant now) {
        Instant due = now.minus(LAST_USED_EVERY);
        if (stored.lastUsed() != null && stored.lastUsed().isAfter(due)) {
            return;
        }
        Instant pending = recording.get(stored.name());
        if (pending != null && pending.isAfter(due)) {
            return;
        }
        recording.put(stored.name(), now);
        Instant when = now.truncatedTo(ChronoUnit.SECONDS);
        try {
            recorder().execute(() -> {
                try {
                    file.change(agents -> {
                        StoredAgent current = agents.get(stored.name());
                        // Only the agent that was admitted: not one added again under the same name meanwhile.
                        if (current != null && Arrays.equals(current.hash(), stored.hash())) {
                            agents.put(stored.name(), current.usedAt(when));
                        }
                        return null;
                    });
                } catch (AuthsomeException e) {
                    // Last use is a convenience; a busy or damaged file is reported by what reads it.
                }
            });
        } catch (RejectedExecutionException e) {
            // Deactivated meanwhile.
        }
    }

    private synchronized ExecutorService recorder() {
        if (recorder == null) {
            recorder = Executors.newSingleThreadExecutor(runnable -> {
                Thread thread = new Thread(runnable, "authsome-agents-last-used");
                thread.setDaemon(true);
                return thread;
            });
        }
        return recorder;
    }
}
