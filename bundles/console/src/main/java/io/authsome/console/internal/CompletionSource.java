package io.authsome.console.internal;

import java.util.List;

/** What the interactive console completes: command names, actions, options, provider names. */
interface CompletionSource {
    List<String> commands();

    /** The actions (subcommands) of {@code command}; none for a command without. */
    List<String> actions(String command);

    /** Option names of {@code command}, or of its {@code action} when not {@code null}, including the global ones. */
    List<String> options(String command, String action);

    /** Whether the positional arguments of {@code command} are provider names. */
    boolean takesProvider(String command);

    List<String> providers();
}
