package io.authsome.console.internal;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The command line of the {@code authsome} process itself, when it names no command. */
@Command(name = "authsome")
final class LaunchOptions {
    @Mixin
    GlobalOptions global = new GlobalOptions();

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Run the commands in FILE, one per line.")
    String file;

    @Option(names = "--keep-going", description = "In a script, run on after a failing command.")
    boolean keepGoing;

    @Option(names = {"-V", "--version"}, description = "Print the version.")
    boolean version;

    @Parameters(hidden = true)
    List<String> rest = new ArrayList<>();
}
