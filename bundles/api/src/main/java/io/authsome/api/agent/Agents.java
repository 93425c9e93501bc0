package io.authsome.api.agent;

import io.authsome.api.AuthsomeException;
import io.authsome.api.home.HomeLayout;
import io.authsome.api.vault.Secret;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The agents of the home, for the daemon's shared proxy, which admits a client only with a valid
 * agent credential and injects only what that agent is allowed. Agents are added and revoked with
 * {@code authsome agent add|revoke} or the dashboard's agents page (both through {@link #add} and
 * {@link #revoke}), by any process of the home: every call reads the agents as they are now, so a
 * revoked agent is refused from the next call on.
 * <p>
 * A service of the store bundle; thread-safe.
 *
 * @since 1.0
 */
@ProviderType
public interface Agents {
    /**
     * The agent called {@code name} if {@code credential} is its credential. The comparison takes
     * the same time whether the name is known or not, and whatever the credential.
     *
     * @return the agent, or empty when there is no such agent or the credential is not its own
     * @throws AuthsomeException {@code INVALID_INPUT} when the agents file is damaged, naming it
     */
    Optional<Agent> authenticate(String name, Secret credential) throws AuthsomeException;

    /**
     * The agent called {@code name}, whatever its credential (to tell an unknown agent from a
     * wrong credential in the audit trail).
     *
     * @throws AuthsomeException {@code INVALID_INPUT} when the agents file is damaged, naming it
     */
    Optional<Agent> find(String name) throws AuthsomeException;

    /**
     * Every agent, in the order they were added, with when each was last used; never a credential.
     *
     * @throws AuthsomeException {@code INVALID_INPUT} when the agents file is damaged, naming it
     * @since 1.1
     */
    List<ListedAgent> list() throws AuthsomeException;

    /**
     * Adds an agent with a new random credential, returned only here, and audits
     * {@code agent_add} (never the credential).
     *
     * @param name    the agent's name: lower-case letters, digits, {@code .}, {@code _} and
     *                {@code -}, 64 at most
     * @param profile the profile whose connections its requests carry
     * @param allow   the providers it may use, each as {@link Grant#parse} reads it
     *                ({@code github}, {@code openai=work}); blank entries are skipped; none: its
     *                requests carry no credential
     * @param via     who asked, recorded in the audit event ({@code "ui"} for the dashboard), or
     *                {@code null} for the command line
     * @throws AuthsomeException {@code USAGE} for a name or an entry of {@code allow} that is not
     *                           valid, an unknown provider (naming the closest) or a provider
     *                           named twice; {@code CONNECTION_EXISTS} when an agent has that name;
     *                           {@code INVALID_INPUT} when {@code daemon.proxy_port} is not a port
     *                           number. Nothing is stored then.
     * @since 1.1
     */
    NewAgent add(String name, String profile, List<String> allow, String via) throws AuthsomeException;

    /**
     * Revokes the agent called {@code name}: the shared proxy refuses it from its next request on.
     * Audits {@code agent_revoke}.
     *
     * @param via who asked, as for {@link #add}
     * @return the agent revoked
     * @throws AuthsomeException {@code CONNECTION_NOT_FOUND} when there is no such agent (naming
     *                           the closest names)
     * @since 1.1
     */
    Agent revoke(String name, String via) throws AuthsomeException;

    /**
     * The PEM bundle agents trust ({@code SSL_CERT_FILE}): the system's roots and the proxy CA,
     * as a {@code run} child gets; the shared proxy writes it when it starts.
     */
    static Path caBundle(HomeLayout home) {
        return home.ca().resolve("agents").resolve("ca-bundle.pem");
    }

    /**
     * The Java trust store (JKS, password {@code changeit}) of the same certificates, for JVM
     * agents; the shared proxy writes it when it starts.
     */
    static Path trustStore(HomeLayout home) {
        return home.ca().resolve("agents").resolve("truststore.jks");
    }

    /**
     * The proxy CA's certificate alone ({@code NODE_EXTRA_CA_CERTS}: Node.js adds it to its own
     * roots).
     *
     * @since 1.1
     */
    static Path caFile(HomeLayout home) {
        return home.ca().resolve("ca.pem");
    }
}
