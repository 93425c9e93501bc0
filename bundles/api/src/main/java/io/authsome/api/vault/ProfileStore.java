package io.authsome.api.vault;

import io.authsome.api.AuthsomeException;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The connections of one profile. Every change is atomic and made under the vault lock, so
 * concurrent writers in other processes lose no update and readers never see a torn record.
 */
@ProviderType
public interface ProfileStore {
    String name();

    /** Every connection, from the profile index: no record is decrypted. */
    List<ConnectionInfo> connections() throws AuthsomeException;

    /** The connections of one provider. */
    List<ConnectionInfo> connections(String provider) throws AuthsomeException;

    /** The provider's default connection name, if it has a connection. */
    Optional<String> defaultConnection(String provider) throws AuthsomeException;

    /**
     * Reads and decrypts one connection.
     *
     * @throws AuthsomeException {@code CONNECTION_NOT_FOUND}, or {@code CREDENTIAL_UNAVAILABLE} when
     *                           the record is damaged or was tampered with
     */
    Connection read(String provider, String connection) throws AuthsomeException;

    /**
     * Stores a connection. The first connection of a provider becomes its default.
     *
     * @param replace whether an existing connection of that name may be replaced
     * @throws AuthsomeException {@code CONNECTION_EXISTS} when it exists and {@code replace} is false
     */
    void write(Connection connection, boolean replace) throws AuthsomeException;

    /**
     * Reads, changes and writes one connection under the vault lock, so that no concurrent change
     * is lost.
     *
     * @return the connection as written
     */
    Connection update(String provider, String connection, UnaryOperator<Connection> change) throws AuthsomeException;

    /**
     * Removes one connection. When it was the default, the provider's next connection (by name)
     * becomes the default.
     */
    void delete(String provider, String connection) throws AuthsomeException;

    void setDefault(String provider, String connection) throws AuthsomeException;

    /** The provider's stored OAuth client, if any. */
    Optional<OAuthClient> client(String provider) throws AuthsomeException;

    /** Stores (or replaces) the provider's OAuth client. */
    void writeClient(OAuthClient client) throws AuthsomeException;

    /** Drops the provider's OAuth client; nothing happens when there is none. */
    void deleteClient(String provider) throws AuthsomeException;
}
