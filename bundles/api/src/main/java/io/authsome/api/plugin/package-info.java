/**
 * Provider plugins: code that a provider bundle carries for credentials a header template cannot
 * express. A provider definition names its plugin in {@code "injector"}; the bundle that carries
 * the code registers one service under that id ({@link CredentialPlugin#ID}):
 * <ul>
 *   <li>a {@link CredentialInjector} sets the headers of each outgoing request itself (request
 *       signing such as AWS SigV4), from the connection's fields;</li>
 *   <li>a {@link TokenMinter} turns stored key material into a short-lived token (a GitHub App
 *       installation token, a Google service-account access token), which the runtime stores,
 *       injects with the provider's header template, and mints again within the refresh lead,
 *       once for every process of the home, as it refreshes OAuth tokens.</li>
 * </ul>
 * Both declare the {@link CredentialField fields} that {@code login} asks for and check them. A
 * plugin sees only the fields of the connection it is called for ({@link ConnectionFields}),
 * never the vault, the configuration or another connection.
 *
 * @since 1.0
 */
@Export
@Version("1.0.0")
package io.authsome.api.plugin;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
