package io.authsome.console.internal;

import io.authsome.api.command.CommandContext;
import io.authsome.api.home.HomeLayout;
import java.io.PrintStream;

/** The context of one command invocation. */
record CommandContextImpl(boolean json, boolean quiet, boolean verbose, String profile, HomeLayout home,
                          PrintStream diagnostics) implements CommandContext {
}
