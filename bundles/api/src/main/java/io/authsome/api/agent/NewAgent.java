package io.authsome.api.agent;

import io.authsome.api.vault.Secret;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An agent just added by {@link Agents#add}, with the only copy of its credential: authsome keeps
 * a salted hash of it, so whoever asked shows it once and forgets it. {@link #toString()} leaves
 * the credential out. Immutable.
 *
 * @param agent      the agent
 * @param credential its credential, the password of its proxy URL
 * @param proxyPort  the shared proxy's port ({@code daemon.proxy_port}) when it was added;
 *                   {@code 0} when the shared proxy is off
 * @param warnings   what the agent's grants do not do yet, one sentence each (a grant of a provider
 *                   with no such connection in the profile; no grant at all)
 * @since 1.1
 */
public record NewAgent(Agent agent, Secret credential, int proxyPort, List<String> warnings) {
    public NewAgent {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(credential, "credential");
        warnings = List.copyOf(warnings);
    }

    /**
     * The agent's {@code HTTPS_PROXY}, {@code http://<name>:<credential>@127.0.0.1:<proxyPort>}: a
     * secret, as the credential in it is.
     *
     * @return the URL, or empty when the shared proxy is off
     */
    public Optional<Secret> httpsProxy() {
        return proxyPort == 0 ? Optional.empty()
                : Optional.of(Secret.of("http://" + agent.name() + ":" + credential.reveal() + "@127.0.0.1:" + proxyPort));
    }

    /** The agent and the port; never the credential. */
    @Override
    public String toString() {
        return "NewAgent[" + agent + ", proxyPort=" + proxyPort + "]";
    }
}
