package io.authsome.console.internal;

import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options every command accepts, before or after the command name. One instance per
 * invocation, mixed into the root and into the command, so both positions set the same fields.
 */
final class GlobalOptions {
    /** Global options that take a value, for finding the command name before parsing. */
    static final List<String> WITH_VALUE = List.of("--profile", "--home", "-f", "--file");

    @Option(names = "--json", description = "Machine output: one JSON document on stdout.")
    boolean json;

    @Option(names = "--quiet", description = "Print only results and errors.")
    boolean quiet;

    @Option(names = "--no-color", description = "No colours in the output.")
    boolean noColor;

    @Option(names = "--verbose", description = "Print every HTTP round trip to stderr, secrets redacted.")
    boolean verbose;

    @Option(names = "--profile", paramLabel = "NAME", description = "Credential profile to use.")
    String profile;

    @Option(names = "--home", paramLabel = "DIR", description = "Home directory (same as AUTHSOME_HOME).")
    String home;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show help for the command.")
    boolean help;

    /** The options of this invocation as arguments, to hand down to each line of a script. */
    List<String> asArguments() {
        List<String> args = new java.util.ArrayList<>();
        if (json) {
            args.add("--json");
        }
        if (quiet) {
            args.add("--quiet");
        }
        if (noColor) {
            args.add("--no-color");
        }
        if (verbose) {
            args.add("--verbose");
        }
        if (profile != null) {
            args.add("--profile");
            args.add(profile);
        }
        return args;
    }
}
