/**
 * Credentials of long-running agents that use the daemon's shared proxy:
 * {@link io.authsome.api.agent.Agents} checks an agent's credential and tells what the agent
 * ({@link io.authsome.api.agent.Agent}) may use, each allowed provider as a
 * {@link io.authsome.api.agent.Grant}, and adds, lists and revokes agents for the {@code agent}
 * command and the dashboard ({@link io.authsome.api.agent.NewAgent},
 * {@link io.authsome.api.agent.ListedAgent}). The store bundle keeps the agents (their
 * credentials as salted hashes only) and implements the service; the proxy bundle asks it on
 * every request.
 *
 * @since 1.0
 */
@Export
@Version("1.1.0")
package io.authsome.api.agent;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
