package io.authsome.api.vault;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One stored credential of a provider in a profile.
 *
 * @param provider   provider name
 * @param name       connection name ({@code default} unless the user chose one)
 * @param state      where it stands
 * @param secrets    secret fields by name: {@code api_key}, {@code access_token}, {@code refresh_token}
 * @param attributes non-secret facts: {@code account}, {@code scopes}, {@code base_url}, {@code source}, ...
 * @param createdAt  when it was first stored
 * @param updatedAt  when it last changed
 * @param expiresAt  when the credential expires, or {@code null} when it does not
 */
public record Connection(String provider, String name, ConnectionState state, Map<String, Secret> secrets,
                         Map<String, String> attributes, Instant createdAt, Instant updatedAt, Instant expiresAt) {
    /** Secret field of API-key connections. */
    public static final String API_KEY = "api_key";
    /** Secret field of OAuth connections: the token sent on API requests. */
    public static final String ACCESS_TOKEN = "access_token";
    /**
     * Secret field of OAuth connections: the token that renews the access token.
     *
     * @since 1.2
     */
    public static final String REFRESH_TOKEN = "refresh_token";
    /**
     * Non-secret attribute: the login flow that obtained the credential.
     *
     * @since 1.2
     */
    public static final String FLOW = "flow";
    /** Non-secret attribute: the account the credential belongs to, when known. */
    public static final String ACCOUNT = "account";
    /**
     * Non-secret attribute of OAuth connections: the id of the OAuth client that obtained the
     * tokens, which their refresh and revocation use. Absent from records written before it existed.
     *
     * @since 1.2
     */
    public static final String CLIENT_ID = "client_id";
    /**
     * Non-secret attribute of OAuth connections: when the access token was issued (an ISO-8601
     * instant), which the refresh window is measured from. Absent from records written before it
     * existed; {@link #updatedAt()} stands in for it then.
     *
     * @since 2.0
     */
    public static final String ISSUED_AT = "issued_at";

    /**
     * Non-secret attribute of a plugin provider's connection whose token is minted from its fields
     * (a {@code io.authsome.api.plugin.TokenMinter}): the id of the plugin that mints it.
     *
     * @since 2.1
     */
    public static final String MINTED_BY = "minted_by";

    public Connection {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        secrets = Map.copyOf(secrets);
        attributes = Map.copyOf(attributes);
    }

    /** A new connection holding one API key. */
    public static Connection apiKey(String provider, String name, Secret key, Map<String, String> attributes,
                                    Instant now) {
        return new Connection(provider, name, ConnectionState.CONNECTED, Map.of(API_KEY, key), attributes, now, now,
                null);
    }

    /** This connection with {@code attributes} added or replaced. */
    public Connection withAttributes(Map<String, String> more, Instant now) {
        Map<String, String> merged = new LinkedHashMap<>(attributes);
        merged.putAll(more);
        return new Connection(provider, name, state, secrets, merged, createdAt, now, expiresAt);
    }

    /**
     * The credential sent on API requests: the access token of an OAuth connection, else the API
     * key; empty when the connection holds neither.
     *
     * @since 1.1
     */
    public Optional<Secret> credential() {
        Secret token = secrets.get(ACCESS_TOKEN);
        return Optional.ofNullable(token != null ? token : secrets.get(API_KEY));
    }

    /**
     * Whether a new access token can be had without the user: the connection holds a refresh
     * token, came from a client_credentials grant, which is simply repeated, or its token is
     * minted from stored key material ({@link #MINTED_BY}, since 2.1).
     *
     * @since 1.2
     */
    public boolean renewable() {
        return secrets.containsKey(REFRESH_TOKEN) || "client_credentials".equals(attributes.get(FLOW))
                || attributes.containsKey(MINTED_BY);
    }

    /**
     * Whether the credential is past its expiry with nothing to renew it: only a new login helps.
     *
     * @since 1.2
     */
    public boolean expiredForGood(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt) && !renewable();
    }

    /** The identity as {@code provider/name}, for messages. */
    public String id() {
        return provider + "/" + name;
    }
}
