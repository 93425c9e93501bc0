package io.authsome.api.plugin;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Turns a connection's stored key material into a short-lived token: a GitHub App's installation
 * token from a JWT signed with its private key, a Google service account's access token from a
 * JWT assertion (RFC 7523). The runtime calls it at login (the first mint proves the key) and
 * again whenever the token comes within the refresh lead of its expiry, under the connection's
 * refresh lock, so one mint serves every process of the home; it stores the token encrypted and
 * injects it with the provider's header template. May block on the network for up to the
 * context's timeout per request.
 */
@ConsumerType
public interface TokenMinter extends CredentialPlugin {
    /**
     * Obtains a new token.
     *
     * @throws MintException when none could be had
     */
    MintedToken mint(ConnectionFields fields, MintContext context) throws MintException;
}
