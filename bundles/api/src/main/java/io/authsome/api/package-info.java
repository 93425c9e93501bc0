/**
 * Types shared by every authsome bundle: error codes and the exception that carries them.
 */
@Export
@Version("2.0.0")
package io.authsome.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
