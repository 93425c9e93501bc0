package io.authsome.api.login;

import io.authsome.api.AuthsomeException;
import java.time.Duration;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Logs in to a provider and stores the connection, as {@code authsome login} does, for whoever
 * asks: the console's {@code login} command and the dashboard both call it. It chooses the flow
 * (the provider's, or the order's), refuses to replace an existing connection unless told to or
 * unless the order asks for scopes the connection lacks (a scope upgrade), runs the flow, stores
 * what it returns, audits {@code login} (with the flow, and {@code via} when the order names
 * one) and, after a scope upgrade, revokes the tokens that were replaced.
 * <p>
 * Implemented by the OAuth bundle. Thread-safe: logins of different callers may run at once; a
 * call blocks while the person acts, up to the order's timeout, and talks to them only through
 * the {@link LoginInteraction} it is given.
 *
 * @since 2.2
 */
@ProviderType
public interface Logins {
    /**
     * What to log in to, and how: the options of {@code authsome login}.
     *
     * @param provider   the provider's name
     * @param flow       a flow id ({@code pkce}, {@code api_key}, ...), or {@code null} for the provider's
     * @param profile    the profile to store the connection in
     * @param connection the connection name
     * @param scopes     scopes to ask for; empty for the provider's defaults
     * @param baseUrl    the connection's own base URL (self-hosted providers), or {@code null}
     * @param clientId   an OAuth client id to use, or {@code null}
     * @param force      replace an existing connection of that name
     * @param noBrowser  never open a browser
     * @param timeout    how long to wait for the person
     * @param via        who asked, written as the {@code via} of the audit events ({@code ui}), or
     *                   {@code null} for the command line, whose events carry none
     * @since 2.2
     */
    record Order(String provider, String flow, String profile, String connection, List<String> scopes,
                 String baseUrl, String clientId, boolean force, boolean noBrowser, Duration timeout, String via) {
        public Order {
            scopes = List.copyOf(scopes);
        }
    }

    /**
     * A login that succeeded.
     *
     * @param provider     the provider's name
     * @param displayName  the provider's display name
     * @param profile      the profile the connection was stored in
     * @param connection   the connection name
     * @param state        the stored connection's state ({@code connected})
     * @param flow         the flow that obtained the credential
     * @param scopeUpgrade the scopes a scope upgrade added; empty when it was no upgrade
     * @since 2.2
     */
    record Outcome(String provider, String displayName, String profile, String connection, String state, String flow,
                   List<String> scopeUpgrade) {
        public Outcome {
            scopeUpgrade = List.copyOf(scopeUpgrade);
        }

        /** The sentence that tells the person: {@code Logged in to OpenAI as connection 'default' in profile default.} */
        public String describe() {
            return "Logged in to " + displayName + " as connection '" + connection + "' in profile " + profile + ".";
        }
    }

    /**
     * Logs in and stores the connection. Guidance, the scope upgrade's notice and warnings (a
     * replaced token the provider did not revoke) go to {@code interaction.tell}.
     *
     * @param order       what to log in to
     * @param interaction how to reach the person: the flow's questions, addresses and waits
     * @return what was stored
     * @throws AuthsomeException {@code PROVIDER_NOT_FOUND}, {@code USAGE} for an unknown flow,
     *                           {@code NOT_ALLOWED} for a flow of another auth type,
     *                           {@code CONNECTION_EXISTS} without {@code force}, or what the flow
     *                           ran into (a {@link LoginFailure} names why); each failure of the
     *                           flow is audited
     */
    Outcome login(Order order, LoginInteraction interaction) throws AuthsomeException;
}
