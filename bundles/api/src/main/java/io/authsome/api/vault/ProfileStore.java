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
    /** The name of this profile. */
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

    /**
     * Makes {@code connection} the provider's default connection, the one used when a command names
     * no connection.
     *
     * @throws AuthsomeException {@code CONNECTION_NOT_FOUND} when the provider has no such connection
     */
    void setDefault(String provider, String connection) throws AuthsomeException;

    /** The provider's current OAuth client (the one its next logins use), if any. */
    Optional<OAuthClient> client(String provider) throws AuthsomeException;

    /**
     * The provider's stored OAuth client whose id is {@code clientId}: the current one, or one a
     * later client replaced that a connection still uses.
     *
     * @since 1.2
     */
    Optional<OAuthClient> client(String provider, String clientId) throws AuthsomeException;

    /**
     * Stores the provider's current OAuth client. A client it replaces stays stored, readable by
     * its id, while a connection of the provider uses it ({@link Connection#CLIENT_ID}); the store
     * forgets it once none does.
     */
    void writeClient(OAuthClient client) throws AuthsomeException;

    /**
     * Every OAuth client stored in this profile: each provider's current one and those kept for
     * the connections that still use them, by provider and then client id.
     *
     * @since 2.2
     */
    List<OAuthClient> clients() throws AuthsomeException;

    /** Drops every OAuth client stored for the provider; nothing happens when there is none. */
    void deleteClient(String provider) throws AuthsomeException;
}
