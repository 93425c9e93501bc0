/**
 * Types shared by every authsome bundle: error codes and the exception that carries them.
 */
@Export
@Version("1.1.0")
package io.authsome.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
