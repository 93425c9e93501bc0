package io.authsome.api.agent;

import java.time.Instant;
import java.util.Objects;

/**
 * An agent as {@link Agents#list()} shows it: what it may reach and when the shared proxy last
 * admitted it. Immutable.
 *
 * @param agent    the agent
 * @param lastUsed when the shared proxy last admitted it, to within a minute; {@code null} when
 *                 it never was (or not yet recorded)
 * @since 1.1
 */
public record ListedAgent(Agent agent, Instant lastUsed) {
    public ListedAgent {
        Objects.requireNonNull(agent, "agent");
    }
}
