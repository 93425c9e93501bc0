/**
 * The layout of the authsome home directory, shared by every bundle that keeps files there.
 */
@Export
@Version("3.1.0")
package io.authsome.api.home;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
