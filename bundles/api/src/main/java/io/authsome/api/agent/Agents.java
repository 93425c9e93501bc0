package io.authsome.api.agent;

import io.authsome.api.AuthsomeException;
import io.authsome.api.home.HomeLayout;
import io.authsome.api.vault.Secret;
import java.nio.file.Path;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The agents of the home, for the daemon's shared proxy, which admits a client only with a valid
 * agent credential and injects only what that agent is allowed. Agents are added and revoked with
 * {@code authsome agent add|revoke}, by any process of the home: every call reads the agents as
 * they are now, so a revoked agent is refused from the next call on.
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
}
