package io.authsome.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.authsome.client.browser.Browser;
import io.authsome.api.command.CommandContext;
import io.authsome.api.credential.SecretVariables;
import io.authsome.api.home.HomeLayout;
import io.authsome.api.login.LoginInteraction;
import io.authsome.api.vault.Secret;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The invocation's environment, working directory and secret variables reach commands and flows as given. */
class TerminalTest {
    private static final PrintStream DISCARD = new PrintStream(OutputStream.nullOutputStream(), true,
            StandardCharsets.UTF_8);

    private static Terminal terminal(boolean interactive, Map<String, String> environment, Path workingDirectory,
                                     Map<String, Secret> secrets) {
        return new Terminal(new ByteArrayInputStream(new byte[0]), DISCARD, DISCARD, interactive, environment,
                workingDirectory, secrets, LocalPerson.INSTANCE);
    }

    private static CommandContext context(Terminal io) {
        return new CommandContextImpl(false, false, false, "default", new HomeLayout(Path.of("/nonexistent")), io, null);
    }

    @Test
    void aCommandAndItsLoginFlowSeeTheInvocationNotTheProcess() {
        Terminal io = terminal(true, Map.of("OPENAI_API_KEY", "sk-client", "BROWSER", "client-browser"),
                Path.of("/srv/client/project"), Map.of(SecretVariables.CLIENT_SECRET, Secret.of("client-secret")));
        CommandContext context = context(io);
        LoginInteraction interaction = context.loginInteraction();

        assertEquals(Map.of("OPENAI_API_KEY", "sk-client", "BROWSER", "client-browser"), context.environment());
        assertEquals(Path.of("/srv/client/project"), context.workingDirectory());
        assertTrue(context.interactive());
        assertEquals("client-secret", context.secretVariable(SecretVariables.CLIENT_SECRET).orElseThrow().reveal());
        assertEquals(Optional.empty(), context.secretVariable(SecretVariables.NEW_PASSPHRASE));
        assertEquals(context.environment(), interaction.environment());
        assertEquals("client-secret", interaction.secretVariable(SecretVariables.CLIENT_SECRET).orElseThrow().reveal());
    }

    @Test
    void theEnvironmentIsACopyTheCommandCannotChange() {
        Map<String, String> environment = new HashMap<>(Map.of("A", "1"));
        Terminal io = terminal(false, environment, Path.of("/"), Map.of());
        environment.put("B", "2");

        assertEquals(Map.of("A", "1"), io.environment());
        assertThrows(UnsupportedOperationException.class, () -> io.environment().put("C", "3"));
    }

    @Test
    void aRelativeWorkingDirectoryIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> terminal(false, Map.of(), Path.of("project"), Map.of()));
    }

    @Test
    void itsTextNamesVariablesButNeverTheirValues() {
        String text = terminal(false, Map.of("OPENAI_API_KEY", "sk-very-secret"), Path.of("/w"),
                Map.of(SecretVariables.PASSPHRASE, Secret.of("hunter2"))).toString();

        assertTrue(text.contains("OPENAI_API_KEY") && text.contains(SecretVariables.PASSPHRASE), text);
        assertFalse(text.contains("sk-very-secret") || text.contains("hunter2"), text);
    }

    @Test
    void colourFollowsTheInvocationsNoColorAndTerm() {
        assertEquals(Style.ANSI, Style.choose(false, terminal(true, Map.of("TERM", "xterm"), Path.of("/"), Map.of())));
        assertEquals(Style.PLAIN, Style.choose(false, terminal(true, Map.of("TERM", "xterm", "NO_COLOR", "1"),
                Path.of("/"), Map.of())));
        assertEquals(Style.PLAIN, Style.choose(false, terminal(true, Map.of("TERM", "dumb"), Path.of("/"), Map.of())));
        assertEquals(Style.PLAIN, Style.choose(true, terminal(true, Map.of(), Path.of("/"), Map.of())));
    }

    @Test
    void aBrowserIsAvailableByTheInvocationsBrowserVariable() {
        assertTrue(Browser.available(Map.of("BROWSER", "firefox")));
        assertFalse(Browser.available(Map.of("SSH_CONNECTION", "192.0.2.1 1 192.0.2.2 22")));
    }
}
