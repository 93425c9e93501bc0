/**
 * Store backends: where the vault's records live when {@code config.json} {@code store.backend}
 * names something other than the home's files, such as a database that the homes of a team
 * share. The store bundle's {@link io.authsome.api.vault.Vault} hands the records to the backend
 * the configuration names; a backend bundle registers a {@link io.authsome.api.store.StoreBackend}.
 *
 * @since 1.0
 */
@Export
@Version("1.0.0")
package io.authsome.api.store;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
