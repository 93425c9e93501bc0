package io.authsome.store.internal;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.vault.Connection;
import io.authsome.api.vault.ConnectionInfo;
import io.authsome.api.vault.OAuthClient;
import io.authsome.api.vault.ProfileStore;
import io.authsome.common.connection.ConnectionNames;
import io.authsome.common.connection.StoreErrors;
import io.authsome.common.json.Json;
import io.authsome.common.json.MalformedJsonException;
import io.authsome.common.seal.RecordCipher;
import io.authsome.common.seal.RecordCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A profile's connections as encrypted files: {@code profiles/<profile>/index.rec} and
 * {@code profiles/<profile>/connections/<provider>/<name>.rec}. Writes take the vault lock, write
 * the record, then the index, each atomically; a removal updates the index first. So a crash
 * leaves at worst a record the index does not list, never an index entry without its record.
 */
final class FileProfileStore implements ProfileStore {
    private final Path profiles;
    private final String profile;
    private final CipherSource ciphers;
    private final VaultLock lock;
    private final OpenedRecords opened;

    FileProfileStore(Path profiles, String profile, CipherSource ciphers, VaultLock lock, OpenedRecords opened) {
        this.profiles = profiles;
        this.profile = profile;
        this.ciphers = ciphers;
        this.lock = lock;
        this.opened = opened;
    }

    @Override
    public String name() {
        return profile;
    }

    @Override
    public List<ConnectionInfo> connections() throws AuthsomeException {
        return readIndex().infos();
    }

    @Override
    public List<ConnectionInfo> connections(String provider) throws AuthsomeException {
        return connections().stream().filter(info -> info.provider().equals(provider)).toList();
    }

    @Override
    public Optional<String> defaultConnection(String provider) throws AuthsomeException {
        return readIndex().defaultOf(provider);
    }

    @Override
    public Connection read(String provider, String name) throws AuthsomeException {
        if (!readIndex().contains(provider, name)) {
            throw notFound(provider, name);
        }
        return readRecord(provider, name);
    }

    @Override
    public void write(Connection connection, boolean replace) throws AuthsomeException {
        ConnectionNames.check(connection.name());
        lock.withLock(() -> {
            ProfileIndex index = readIndex();
            if (!replace && index.contains(connection.provider(), connection.name())) {
                throw StoreErrors.exists(profile, connection.provider(), connection.name());
            }
            store(index, connection);
            return null;
        });
    }

    @Override
    public Connection update(String provider, String name, UnaryOperator<Connection> change) throws AuthsomeException {
        return lock.withLock(() -> {
            ProfileIndex index = readIndex();
            if (!index.contains(provider, name)) {
                throw notFound(provider, name);
            }
            Connection changed = change.apply(readRecord(provider, name));
            if (!changed.provider().equals(provider) || !changed.name().equals(name)) {
                throw new IllegalArgumentException("an update cannot rename a connection");
            }
            store(index, changed);
            return changed;
        });
    }

    @Override
    public void delete(String provider, String name) throws AuthsomeException {
        lock.withLock(() -> {
            ProfileIndex index = readIndex();
            if (!index.contains(provider, name)) {
                throw notFound(provider, name);
            }
            index.remove(provider, name);
            writeIndex(index);
            SealedFile record = SealedFile.connection(profiles, profile, provider, name);
            try {
                Files.deleteIfExists(record.path());
            } catch (IOException e) {
                throw failure("cannot delete " + record.path(), e);
            }
            forgetUnusedClients(index, provider);
            return null;
        });
    }

    @Override
    public void setDefault(String provider, String name) throws AuthsomeException {
        lock.withLock(() -> {
            ProfileIndex index = readIndex();
            if (!index.contains(provider, name)) {
                throw notFound(provider, name);
            }
            index.setDefault(provider, name);
            writeIndex(index);
            return null;
        });
    }

    @Override
    public Optional<OAuthClient> client(String provider) throws AuthsomeException {
        return readClient(SealedFile.client(profiles, profile, provider));
    }

    @Override
    public Optional<OAuthClient> client(String provider, String clientId) throws AuthsomeException {
        Optional<OAuthClient> current = client(provider);
        if (current.isPresent() && current.get().clientId().equals(clientId)) {
            return current;
        }
        return readClient(SealedFile.keptClient(profiles, profile, provider, clientId))
                .filter(kept -> kept.clientId().equals(clientId));
    }

    @Override
    public void writeClient(OAuthClient client) throws AuthsomeException {
        lock.withLock(() -> {
            String provider = client.provider();
            SealedFile current = SealedFile.client(profiles, profile, provider);
            Optional<OAuthClient> replaced = replacedClient(current);
            if (replaced.isPresent() && !replaced.get().clientId().equals(client.clientId())) {
                seal(SealedFile.keptClient(profiles, profile, provider, replaced.get().clientId()), replaced.get());
            }
            seal(current, client);
            deleteFile(SealedFile.keptClient(profiles, profile, provider, client.clientId()));
            forgetUnusedClients(readIndex(), provider);
            return null;
        });
    }

    @Override
    public List<OAuthClient> clients() throws AuthsomeException {
        Path clients = profiles.resolve(profile).resolve("clients");
        List<OAuthClient> found = new ArrayList<>();
        if (!Files.isDirectory(clients)) {
            return found;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(clients, "*" + SealedFile.SUFFIX)) {
            for (Path file : files) {
                SealedFile sealed = SealedFile.at(profiles, file);
                if (sealed != null) {
                    readClient(sealed).ifPresent(found::add);
                }
            }
        } catch (IOException e) {
            throw failure("cannot list " + clients, e);
        }
        found.sort(Comparator.comparing(OAuthClient::provider).thenComparing(OAuthClient::clientId));
        return found;
    }

    @Override
    public void deleteClient(String provider) throws AuthsomeException {
        lock.withLock(() -> {
            deleteFile(SealedFile.client(profiles, profile, provider));
            for (SealedFile kept : keptClients(provider)) {
                deleteFile(kept);
            }
            return null;
        });
    }

    private Optional<OAuthClient> readClient(SealedFile file) throws AuthsomeException {
        if (!file.exists()) {
            return Optional.empty();
        }
        try {
            return Optional.of(RecordCodec.clientFromJson(Json.parseObject(file.open(ciphers.forRead()))));
        } catch (IOException e) {
            throw unreadable(file, e.getMessage());
        } catch (MalformedJsonException e) {
            throw unreadable(file, "it is not a valid record file (" + e.getMessage() + ")");
        } catch (RuntimeException e) {
            throw unreadable(file, "it decrypts but is not an OAuth client record");
        } catch (RecordCipher.UnknownKeyException e) {
            throw VaultErrors.keyMismatch(ciphers.keyFile(), file.path(), e.kid());
        } catch (RecordCipher.UnreadableRecordException e) {
            throw unreadable(file, e.getMessage());
        }
    }

    /** The client a new one replaces; a damaged record is simply replaced. */
    private Optional<OAuthClient> replacedClient(SealedFile current) {
        try {
            return readClient(current);
        } catch (AuthsomeException damaged) {
            return Optional.empty();
        }
    }

    private void seal(SealedFile file, OAuthClient client) throws AuthsomeException {
        try {
            file.seal(ciphers.forWrite(), Json.writeLine(RecordCodec.toJson(client)).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw failure("cannot write " + file.path(), e);
        }
    }

    private static void deleteFile(SealedFile file) throws AuthsomeException {
        try {
            Files.deleteIfExists(file.path());
        } catch (IOException e) {
            throw failure("cannot delete " + file.path(), e);
        }
    }

    /** Deletes the kept clients of {@code provider} that no connection in {@code index} uses any more. */
    private void forgetUnusedClients(ProfileIndex index, String provider) throws AuthsomeException {
        List<SealedFile> kept = keptClients(provider);
        if (kept.isEmpty()) {
            return;
        }
        Set<Path> used = new HashSet<>();
        for (ConnectionInfo info : index.infos()) {
            String clientId = info.attributes().get(Connection.CLIENT_ID);
            if (info.provider().equals(provider) && clientId != null) {
                used.add(SealedFile.keptClient(profiles, profile, provider, clientId).path());
            }
        }
        for (SealedFile file : kept) {
            if (!used.contains(file.path())) {
                deleteFile(file);
            }
        }
    }

    private List<SealedFile> keptClients(String provider) throws AuthsomeException {
        Path clients = profiles.resolve(profile).resolve("clients");
        if (!Files.isDirectory(clients)) {
            return List.of();
        }
        List<SealedFile> kept = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(clients, provider + "@*" + SealedFile.SUFFIX)) {
            for (Path file : files) {
                SealedFile sealed = SealedFile.at(profiles, file);
                if (sealed != null) {
                    kept.add(sealed);
                }
            }
        } catch (IOException e) {
            throw failure("cannot list " + clients, e);
        }
        return kept;
    }

    private void store(ProfileIndex index, Connection connection) throws AuthsomeException {
        RecordCipher cipher = ciphers.forWrite();
        SealedFile record = SealedFile.connection(profiles, profile, connection.provider(), connection.name());
        try {
            record.seal(cipher, Json.writeLine(RecordCodec.toJson(connection)).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw failure("cannot write " + record.path(), e);
        }
        index.put(connection);
        writeIndex(index);
        forgetUnusedClients(index, connection.provider());
    }

    private Connection readRecord(String provider, String name) throws AuthsomeException {
        SealedFile record = SealedFile.connection(profiles, profile, provider, name);
        try {
            return decode(record);
        } catch (NoSuchFileException e) {
            throw unreadable(record, "the file is missing");
        } catch (IOException e) {
            throw unreadable(record, e.getMessage());
        } catch (MalformedJsonException e) {
            throw unreadable(record, "it is not a valid record file (" + e.getMessage() + ")");
        } catch (RuntimeException e) {
            throw unreadable(record, "it decrypts but is not a connection record");
        } catch (RecordCipher.UnknownKeyException e) {
            throw VaultErrors.keyMismatch(ciphers.keyFile(), record.path(), e.kid());
        } catch (RecordCipher.UnreadableRecordException e) {
            throw unreadable(record, e.getMessage());
        }
    }

    private Connection decode(SealedFile record) throws AuthsomeException, IOException, MalformedJsonException,
            RecordCipher.UnreadableRecordException {
        return opened.open(record, ciphers.forRead(), plaintext -> RecordCodec.fromJson(Json.parseObject(plaintext)));
    }

    /**
     * The index; rebuilt from the records when it is damaged, so that one damaged file never
     * hides the connections whose records are fine. An index under a key that {@code master.key}
     * does not hold means the key file is not this vault's (one from before a rekey): that is
     * an error, never an empty profile.
     */
    ProfileIndex readIndex() throws AuthsomeException {
        SealedFile file = SealedFile.index(profiles, profile);
        if (!file.exists()) {
            return rebuildIndex();
        }
        try {
            return opened.open(file, ciphers.forRead(), plaintext -> ProfileIndex.fromJson(Json.parseObject(plaintext)))
                    .copy();
        } catch (RecordCipher.UnknownKeyException e) {
            throw VaultErrors.keyMismatch(ciphers.keyFile(), file.path(), e.kid());
        } catch (IOException | MalformedJsonException | RecordCipher.UnreadableRecordException | RuntimeException e) {
            return rebuildIndex();
        }
    }

    private ProfileIndex rebuildIndex() throws AuthsomeException {
        ProfileIndex index = new ProfileIndex();
        Path connections = profiles.resolve(profile).resolve("connections");
        if (!Files.isDirectory(connections)) {
            return index;
        }
        boolean anyReadable = false;
        AuthsomeException foreignKey = null;
        try (DirectoryStream<Path> providers = Files.newDirectoryStream(connections)) {
            for (Path provider : providers) {
                try (DirectoryStream<Path> records = Files.newDirectoryStream(provider, "*" + SealedFile.SUFFIX)) {
                    for (Path record : records) {
                        String file = record.getFileName().toString();
                        SealedFile sealed = SealedFile.connection(profiles, profile, provider.getFileName().toString(),
                                file.substring(0, file.length() - SealedFile.SUFFIX.length()));
                        try {
                            index.put(decode(sealed));
                            anyReadable = true;
                        } catch (RecordCipher.UnknownKeyException e) {
                            foreignKey = VaultErrors.keyMismatch(ciphers.keyFile(), sealed.path(), e.kid());
                        } catch (IOException | MalformedJsonException | RecordCipher.UnreadableRecordException
                                 | RuntimeException unreadable) {
                            // Left out of the index; doctor names it.
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw failure("cannot list " + connections, e);
        }
        if (!anyReadable && foreignKey != null) {
            throw foreignKey; // not one record opens: the key file is not theirs
        }
        return index;
    }

    private void writeIndex(ProfileIndex index) throws AuthsomeException {
        SealedFile file = SealedFile.index(profiles, profile);
        try {
            file.seal(ciphers.forWrite(), Json.writeLine(index.toJson()).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw failure("cannot write " + file.path(), e);
        }
    }

    private AuthsomeException notFound(String provider, String name) {
        return StoreErrors.notFound(profile, provider, name);
    }

    private static AuthsomeException unreadable(SealedFile record, String reason) {
        return new AuthsomeException(ErrorCode.CREDENTIAL_UNAVAILABLE, "the record " + record.path()
                + " cannot be read: " + reason, "authsome doctor; then log in again to replace it");
    }

    private static AuthsomeException failure(String what, IOException e) {
        return new AuthsomeException(ErrorCode.UNEXPECTED, what + ": " + e.getMessage(), "authsome doctor");
    }
}
