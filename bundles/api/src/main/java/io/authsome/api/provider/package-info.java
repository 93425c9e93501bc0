/**
 * Provider definitions: the model that provider JSON parses into, routing rules, and the
 * catalog service that the provider extender publishes. Consumers (commands, the proxy, flows)
 * read providers through {@link io.authsome.api.provider.ProviderCatalog}.
 */
@Export
@Version("2.1.0")
package io.authsome.api.provider;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
