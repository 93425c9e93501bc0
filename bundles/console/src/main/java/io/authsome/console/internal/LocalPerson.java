package io.authsome.console.internal;

import io.authsome.api.command.ChildProcess;
import io.authsome.api.home.HomeLayout;
import io.authsome.api.login.LoginInteraction;
import io.authsome.api.vault.Secret;
import io.authsome.client.browser.Browser;
import io.authsome.client.process.Descriptors;
import io.authsome.client.process.RunAncestry;
import io.authsome.client.process.RunChild;
import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The person at this process's own terminal: the in-process case. */
final class LocalPerson implements Person {
    static final LocalPerson INSTANCE = new LocalPerson();

    private LocalPerson() {
    }

    @Override
    public boolean stdinIsTerminal() {
        return Descriptors.isTerminal(0);
    }

    @Override
    public boolean stderrIsTerminal() {
        return Descriptors.isTerminal(2);
    }

    @Override
    public boolean browserAvailable() {
        return Browser.available(System.getenv());
    }

    @Override
    public Optional<LoginInteraction.OpenedBrowser> openBrowser(String url, HomeLayout home) {
        return Browser.open(url, home.browserPages(), System.getenv()).map(page -> page::close);
    }

    /**
     * The JDK's password prompt, for a terminal that JLine cannot drive ({@code TERM=dumb}): it
     * turns echo off too, but cannot be cancelled. A terminal whose echo cannot be turned off is
     * never read.
     */
    @Override
    public Optional<Secret> askWithoutEcho(String prompt, PrintStream diagnostics) {
        Console console = System.console();
        if (console == null) {
            diagnostics.println("(cannot turn off echo on this terminal, so a secret is not asked here)");
            return Optional.empty();
        }
        char[] typed = console.readPassword("%s", prompt);
        return typed == null || typed.length == 0 ? Optional.empty() : Optional.of(Secret.of(new String(typed)));
    }

    @Override
    public Optional<String> askShown(String prompt) {
        Console console = System.console();
        String typed = console == null ? null : console.readLine("%s", prompt);
        return typed == null || typed.isEmpty() ? Optional.empty() : Optional.of(typed);
    }

    @Override
    public ChildProcess startChild(List<String> command, Map<String, String> environment, Path directory)
            throws IOException {
        RunChild child = RunChild.start(command, environment, directory, System.console() != null);
        return new ChildProcess() {
            @Override
            public long pid() {
                return child.pid();
            }

            @Override
            public int waitFor() {
                return child.waitFor();
            }

            @Override
            public void close() {
                child.close();
            }
        };
    }

    @Override
    public Optional<Confinement> confinement() {
        return RunAncestry.runAncestor().map(Confinement::insideRun);
    }
}
