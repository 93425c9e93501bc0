package io.authsome.console.internal;

import java.util.Optional;

/** Finds the command name in a command line whose global options may come first. */
final class ArgumentSplitter {
    private ArgumentSplitter() {
    }

    /** Index of the first argument that is not a global option or its value, if any. */
    static Optional<Integer> commandIndex(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--")) {
                return Optional.empty();
            }
            if (GlobalOptions.WITH_VALUE.contains(arg)) {
                i++;
            } else if (!arg.startsWith("-")) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }
}
