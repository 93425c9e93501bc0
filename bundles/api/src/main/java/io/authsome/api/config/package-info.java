/**
 * The settings of the home's {@code config.json}, as typed records: one record per section of the
 * file ({@code callback}, {@code refresh}, {@code http}, {@code audit}, {@code proxy}, {@code daemon}
 * since 1.1) and the
 * {@link io.authsome.api.config.Configuration} service that reads the file once per change. The
 * store bundle implements the service; components take it by reference and ask for
 * {@link io.authsome.api.config.Configuration#current()} where they use a setting. The keys, their
 * defaults and when each is read are listed in {@code docs/cli.md}.
 *
 * @since 1.0
 */
@Export
@Version("1.3.0")
package io.authsome.api.config;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
