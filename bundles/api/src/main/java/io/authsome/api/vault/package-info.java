/**
 * The encrypted vault: profiles, connections and their secrets. The store bundle implements
 * {@link io.authsome.api.vault.Vault}; commands, flows, refresh and the proxy use it. Secrets
 * travel as {@link io.authsome.api.vault.Secret}, which never prints its value.
 */
@Export
@Version("2.2.0")
package io.authsome.api.vault;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
