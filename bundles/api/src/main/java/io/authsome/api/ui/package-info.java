/**
 * The dashboard the daemon serves in the browser ({@code authsome ui}):
 * {@link io.authsome.api.ui.Dashboard} gives its address and one-time sign-in links. The ui
 * bundle implements it in the daemon only; the console's {@code ui} command asks it for a link.
 *
 * @since 1.0
 */
@Export
@Version("1.0.0")
package io.authsome.api.ui;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
