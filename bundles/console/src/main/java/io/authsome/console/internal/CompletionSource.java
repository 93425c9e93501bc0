package io.authsome.console.internal;

import java.util.List;

/** What the interactive console completes: command names, a command's options, provider names. */
interface CompletionSource {
    List<String> commands();

    /** Option names of {@code command}, including the global ones. */
    List<String> options(String command);

    /** Whether the positional arguments of {@code command} are provider names. */
    boolean takesProvider(String command);

    List<String> providers();
}
