package io.authsome.api.command;

/** A part of the human-readable view of a {@link CommandResult}. */
public sealed interface Block permits Text, Table {
}
