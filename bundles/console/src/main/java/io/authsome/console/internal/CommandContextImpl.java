package io.authsome.console.internal;

import io.authsome.api.command.ChildProcess;
import io.authsome.api.command.CommandContext;
import io.authsome.api.home.HomeLayout;
import io.authsome.api.login.LoginInteraction;
import io.authsome.api.vault.Secret;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The context of one command invocation. */
record CommandContextImpl(boolean json, boolean quiet, boolean verbose, String profile, HomeLayout home,
                          Terminal io, SecretInput secrets) implements CommandContext {
    @Override
    public PrintStream diagnostics() {
        return io.err();
    }

    @Override
    public Optional<Secret> readSecret(String prompt, boolean browser) {
        return secrets.read(prompt, browser, diagnostics(), json, home);
    }

    @Override
    public void emit(String line) {
        io.out().println(line);
        io.out().flush();
    }

    @Override
    public Map<String, String> environment() {
        return io.environment();
    }

    @Override
    public Path workingDirectory() {
        return io.workingDirectory();
    }

    @Override
    public boolean interactive() {
        return io.interactive();
    }

    @Override
    public Optional<Secret> secretVariable(String name) {
        return io.secretVariable(name);
    }

    @Override
    public LoginInteraction loginInteraction() {
        return new ConsoleLoginInteraction(this);
    }

    @Override
    public ChildProcess startChild(List<String> command, Map<String, String> environment, Path directory)
            throws IOException {
        return io.person().startChild(command, environment, directory);
    }
}
