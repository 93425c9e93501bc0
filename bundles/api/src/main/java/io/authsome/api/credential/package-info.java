/**
 * Usable credentials: {@link io.authsome.api.credential.CredentialResolver} hands out a
 * connection whose access token is fresh, refreshing it first when it is close to expiry, once
 * per connection however many callers and processes ask at the same time;
 * {@link io.authsome.api.credential.TokenRevoker} revokes tokens at the provider;
 * {@link io.authsome.api.credential.TokenRenewer} asks a provider's token endpoint for new tokens
 * on the resolver's behalf (since 2.0).
 */
@Export
@Version("2.1.0")
package io.authsome.api.credential;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
