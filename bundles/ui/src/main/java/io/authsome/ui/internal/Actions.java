package io.authsome.ui.internal;

import io.authsome.api.AuthsomeException;
import io.authsome.api.audit.AuditEvent;
import io.authsome.api.audit.AuditLog;
import io.authsome.api.credential.TokenRevoker;
import io.authsome.api.provider.Provider;
import io.authsome.api.vault.ProfileStore;
import io.authsome.api.vault.Vault;
import io.authsome.common.connection.ProviderState;
import java.util.List;

/**
 * What the dashboard's buttons do to a profile, as the commands of the same names do it, each
 * change audited with {@code via: ui}: set the default connection, log one out (locally), revoke
 * one (at the provider, then locally), remove everything of a provider (connections, revoked
 * first, and OAuth clients). Each returns the sentence the page shows afterwards.
 */
final class Actions {
    private static final String VIA = "ui";

    private final Vault vault;
    private final TokenRevoker revoker;
    private final AuditLog audit;

    Actions(Vault vault, TokenRevoker revoker, AuditLog audit) {
        this.vault = vault;
        this.revoker = revoker;
        this.audit = audit;
    }

    String setDefault(String profile, Provider provider, String connection) throws AuthsomeException {
        ProfileStore store = vault.profile(profile);
        store.setDefault(provider.name(), connection);
        audit.record(AuditEvent.of("set_default", store.name(), provider.name(), connection, AuditEvent.SUCCESS)
                .with("via", VIA));
        return "'" + connection + "' is now the default connection of " + provider.definition().displayName() + ".";
    }

    String logout(String profile, Provider provider, String connection) throws AuthsomeException {
        ProfileStore store = vault.profile(profile);
        store.delete(provider.name(), connection);
        audit.record(AuditEvent.of("logout", store.name(), provider.name(), connection, AuditEvent.SUCCESS)
                .with("via", VIA));
        return "Logged out '" + connection + "' on this machine (the provider was not told).";
    }

    String revoke(String profile, Provider provider, String connection) throws AuthsomeException {
        List<TokenRevoker.Outcome> outcomes = revoker.revokeAndDelete(profile, provider, connection, null);
        StringBuilder said = new StringBuilder();
        for (TokenRevoker.Outcome outcome : outcomes) {
            audit.record(AuditEvent.of("revoke", profile, provider.name(), outcome.connection(),
                    outcome.revoked() ? AuditEvent.SUCCESS : "local_only").with("via", VIA));
            said.append(outcome.revoked() ? "Revoked '" + outcome.connection() + "' at the provider and removed it."
                    : "Removed '" + outcome.connection() + "' here; " + outcome.warning() + ".");
        }
        return said.length() == 0 ? "Nothing to revoke." : said.toString();
    }

    String remove(String profile, Provider provider) throws AuthsomeException {
        ProviderState.Removal removal = new ProviderState(vault, revoker, audit).remove(profile, provider, null, VIA);
        return "Removed " + provider.definition().displayName() + " from profile " + removal.profile() + ": "
                + (removal.connections().isEmpty() ? "no connection" : String.join(", ", removal.connections()))
                + (removal.clientRemoved() ? ", and its OAuth client" : "")
                + (removal.warnings().isEmpty() ? "." : "; " + String.join("; ", removal.warnings()) + ".");
    }
}
