/**
 * The command whiteboard: a command is an {@link io.authsome.api.command.AuthsomeCommand}
 * service declared with {@link io.authsome.api.command.CommandSpec}; the
 * console finds it by its service properties, activates it only when it runs, and
 * renders the {@link io.authsome.api.command.CommandResult} it returns as a table or as JSON.
 */
@Export
@Version("3.2.0")
package io.authsome.api.command;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
