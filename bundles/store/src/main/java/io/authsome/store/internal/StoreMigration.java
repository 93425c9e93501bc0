package io.authsome.store.internal;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.store.SharedProviders;
import io.authsome.api.store.StoreBackend;
import io.authsome.api.vault.Connection;
import io.authsome.api.vault.ConnectionInfo;
import io.authsome.api.vault.OAuthClient;
import io.authsome.api.vault.ProfileStore;
import io.authsome.api.vault.Vault;
import io.authsome.common.files.PrivateFiles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Copies every profile, connection and OAuth client of one store into another, and reads each
 * back from the target: a copy that does not read back the same stops the migration with the
 * record named, before the home switches. Copying again is safe: records are replaced, not
 * duplicated; connections that only the target has are left as they are. The home's custom
 * providers ({@code providers/*.json}) go to a shared store too, and a shared store's come back
 * to {@code providers/}.
 */
public final class StoreMigration {
    /** What a migration copied, and what the target already held besides. */
    public record Report(int profiles, int connections, int clients, int providers, int onlyInTarget) {
    }

    private StoreMigration() {
    }

    /** @param providers the home's {@code providers/} folder */
    static Report copy(StoreBackend from, StoreBackend to, Path providers) throws AuthsomeException {
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
        return new Report(profiles, connections, clients, copyProviders(from, to, providers), onlyInTarget);
    }

    /** The custom provider definitions: the home's files to a shared store, or a shared store's to the files. */
    private static int copyProviders(StoreBackend from, StoreBackend to, Path folder) throws AuthsomeException {
        Optional<SharedProviders> target = to.sharedProviders();
        Optional<SharedProviders> source = from.sharedProviders();
        try {
            if (target.isPresent()) {
                Map<String, byte[]> files = new TreeMap<>();
                if (Files.isDirectory(folder)) {
                    try (DirectoryStream<Path> found = Files.newDirectoryStream(folder, "*.json")) {
                        for (Path file : found) {
                            String name = file.getFileName().toString();
                            files.put(name.substring(0, name.length() - ".json".length()), Files.readAllBytes(file));
                        }
                    }
                }
                for (Map.Entry<String, byte[]> definition : files.entrySet()) {
                    target.get().put(definition.getKey(), definition.getValue());
                }
                return files.size();
            }
            if (source.isPresent()) {
                Map<String, byte[]> definitions = source.get().all();
                for (Map.Entry<String, byte[]> definition : definitions.entrySet()) {
                    PrivateFiles.writeAtomically(folder.resolve(definition.getKey() + ".json"), definition.getValue());
                }
                return definitions.size();
            }
            return 0;
        } catch (IOException e) {
            throw new AuthsomeException(ErrorCode.UNEXPECTED, "cannot copy the custom providers of " + folder + ": "
                    + e.getMessage() + "; the home still uses its current store", "authsome doctor");
        }
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
