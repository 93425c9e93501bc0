package io.authsome.common.connection;

import io.authsome.api.AuthsomeException;
import io.authsome.api.audit.AuditEvent;
import io.authsome.api.audit.AuditLog;
import io.authsome.api.credential.TokenRevoker;
import io.authsome.api.provider.Provider;
import io.authsome.api.vault.ProfileStore;
import io.authsome.api.vault.Vault;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A provider's state in one profile, deleted as {@code remove} does it (and {@code unregister
 * --force} in every profile): its connections, revoked at the provider first, and its OAuth
 * clients. Never its definition.
 */
public final class ProviderState {
    /** What {@link #remove} deleted in one profile. */
    public record Removal(String provider, String profile, List<String> connections, boolean clientRemoved,
                   List<String> warnings) {
        /** As {@code remove} and {@code unregister --force} print it with {@code --json}. */
        public Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("provider", provider);
            json.put("profile", profile);
            json.put("connections_removed", connections);
            json.put("client_removed", clientRemoved);
            json.put("warnings", warnings);
            return json;
        }
    }

    private final Vault vault;
    private final TokenRevoker revoker;
    private final AuditLog audit;

    /** Over the services a removal uses. */
    public ProviderState(Vault vault, TokenRevoker revoker, AuditLog audit) {
        this.vault = vault;
        this.revoker = revoker;
        this.audit = audit;
    }

    /** Revokes and deletes every connection of {@code provider} in {@code profile}, then its OAuth clients; audited. */
    public Removal remove(String profile, Provider provider, PrintStream trace) throws AuthsomeException {
        return remove(profile, provider, trace, null);
    }

    /**
     * As {@link #remove(String, Provider, PrintStream)}, the audit event saying where the removal was
     * asked ({@code via}: {@code ui} for the dashboard; {@code null}: the command line).
     */
    public Removal remove(String profile, Provider provider, PrintStream trace, String via) throws AuthsomeException {
        ProfileStore store = vault.profile(profile);
        List<TokenRevoker.Outcome> outcomes = revoker.revokeAndDelete(store.name(), provider, null, trace);
        boolean hadClient = hasClient(store, provider.name());
        store.deleteClient(provider.name());
        List<String> connections = outcomes.stream().map(TokenRevoker.Outcome::connection).toList();
        List<String> warnings = outcomes.stream().filter(o -> !o.revoked()).map(TokenRevoker.Outcome::warning).toList();
        AuditEvent event = AuditEvent.of("remove", store.name(), provider.name(), null,
                        warnings.isEmpty() ? AuditEvent.SUCCESS : "local_only")
                .with("connections", String.join(",", connections)).with("client_removed", hadClient);
        audit.record(via == null ? event : event.with("via", via));
        return new Removal(provider.name(), store.name(), connections, hadClient, warnings);
    }

    /** Whether {@code profile} holds a connection or an OAuth client of {@code provider}. */
    public boolean any(String profile, String provider) throws AuthsomeException {
        ProfileStore store = vault.profile(profile);
        return !store.connections(provider).isEmpty() || hasClient(store, provider);
    }

    /** A damaged client record counts as a client: it is deleted like one. */
    private static boolean hasClient(ProfileStore store, String provider) {
        try {
            return store.client(provider).isPresent();
        } catch (AuthsomeException damaged) {
            return true;
        }
    }
}
