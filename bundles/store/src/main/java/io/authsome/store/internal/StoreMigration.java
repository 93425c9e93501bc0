package io.authsome.store.internal;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.store.StoreBackend;
import io.authsome.api.vault.Connection;
import io.authsome.api.vault.ConnectionInfo;
import io.authsome.api.vault.OAuthClient;
import io.authsome.api.vault.ProfileStore;
import io.authsome.api.vault.Vault;
import java.util.List;
import java.util.Optional;

/**
 * Copies every profile, connection and OAuth client of one store into another, and reads each
 * back from the target: a copy that does not read back the same stops the migration with the
 * record named, before the home switches. Copying again is safe: records are replaced, not
 * duplicated; connections that only the target has are left as they are.
 */
public final class StoreMigration {
    /** What a migration copied, and what the target already held besides. */
    public record Report(int profiles, int connections, int clients, int onlyInTarget) {
    }

    private StoreMigration() {
    }

    static Report copy(StoreBackend from, StoreBackend to) throws AuthsomeException {
        int profiles = 0;
        int connections = 0;
        int clients = 0;
        int onlyInTarget = 0;
        for (String name : from.profiles()) {
            if (!name.equals(Vault.DEFAULT_PROFILE)) {
                to.createProfile(name);
            }
            ProfileStore source = from.profile(name);
            ProfileStore target = to.profile(name);
            List<ConnectionInfo> infos = source.connections();
            for (ConnectionInfo info : infos) {
                Connection connection = source.read(info.provider(), info.name());
                target.write(connection, true);
                if (!target.read(info.provider(), info.name()).equals(connection)) {
                    throw differs(to, name, info.provider() + "/" + info.name());
                }
                connections++;
            }
            for (ConnectionInfo info : infos) {
                if (info.isDefault()) {
                    target.setDefault(info.provider(), info.name());
                }
            }
            clients += copyClients(source, target, to);
            onlyInTarget += (int) target.connections().stream().filter(info -> infos.stream().noneMatch(
                    copied -> copied.provider().equals(info.provider()) && copied.name().equals(info.name()))).count();
            profiles++;
        }
        return new Report(profiles, connections, clients, onlyInTarget);
    }

    /** The clients kept for older connections first, then each provider's current one, which must end current. */
    private static int copyClients(ProfileStore source, ProfileStore target, StoreBackend to) throws AuthsomeException {
        List<OAuthClient> all = source.clients();
        for (OAuthClient client : all) {
            if (!isCurrent(source, client)) {
                target.writeClient(client);
            }
        }
        for (OAuthClient client : all) {
            if (isCurrent(source, client)) {
                target.writeClient(client);
            }
        }
        for (OAuthClient client : all) {
            Optional<OAuthClient> copied = target.client(client.provider(), client.clientId());
            if (copied.isEmpty() || !copied.get().equals(client)) {
                throw differs(to, source.name(), "the OAuth client " + client.clientId() + " of " + client.provider());
            }
        }
        return all.size();
    }

    private static boolean isCurrent(ProfileStore source, OAuthClient client) throws AuthsomeException {
        return source.client(client.provider()).map(current -> current.clientId().equals(client.clientId()))
                .orElse(false);
    }

    private static AuthsomeException differs(StoreBackend to, String profile, String what) {
        return new AuthsomeException(ErrorCode.UNEXPECTED, "the copy of " + what + " in profile " + profile + " does"
                + " not read back the same from " + to.describe() + "; the home still uses its current store",
                "authsome doctor; then run the migration again");
    }
}
