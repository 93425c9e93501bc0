package io.authsome.store.internal.agent;

import io.authsome.api.agent.Agent;
import java.time.Instant;

/**
 * An agent as {@code agents.json} keeps it: the agent, the salt and hash of its credential, and
 * when the shared proxy last admitted it ({@code null}: never, or not yet recorded). The hash is
 * not the credential, yet {@link #toString()} leaves both byte arrays out.
 */
record StoredAgent(Agent agent, byte[] salt, byte[] hash, Instant lastUsed) {
    String name() {
        return agent.name();
    }

    StoredAgent usedAt(Instant when) {
        return new StoredAgent(agent, salt, hash, when);
    }

    @Override
    public String toString() {
        return "StoredAgent[" + agent + ", lastUsed=" + lastUsed + "]";
    }
}
