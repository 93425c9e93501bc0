/**
 * Health checks for {@code authsome doctor}: every bundle that owns something that can
 * break registers a {@link io.authsome.api.health.HealthCheck} service.
 */
@Export
@Version("1.0.0")
package io.authsome.api.health;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
