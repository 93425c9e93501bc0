/**
 * JSON as plain Java values (maps, lists, strings, numbers, booleans, null), read and written
 * with the streaming parser only: every authsome process reads and writes JSON at start, and
 * the data-binding layer would cost it a few hundred milliseconds of class loading.
 */
@Export
@Version("1.0.0")
package io.authsome.api.json;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
