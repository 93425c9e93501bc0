package io.authsome.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.audit.AuditEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

class RunChildGuardTest {
    @Command(name = "get")
    static final class Get {
        @Parameters(index = "0")
        String provider;

        @Option(names = {"-s", "--show-secret"})
        boolean showSecret;
    }

    @Command(name = "profile")
    static final class Profile {
        @Parameters(index = "0")
        String action;

        @Parameters(index = "1", arity = "0..1")
        String name;
    }

    /** {@code profile list|create <name>|delete <name> [--force]}, the actions as subcommands. */
    @Command(name = "profile", subcommands = {Profiles.Create.class, Profiles.Delete.class})
    static final class Profiles {
        @Command(name = "create")
        static final class Create {
            @Parameters(index = "0")
            String name;
        }

        @Command(name = "delete")
        static final class Delete {
            @Parameters(index = "0")
            String name;

            @Option(names = "--force")
            boolean force;
        }
    }

    private static CommandLine.ParseResult parseActions(String... args) {
        CommandLine commandLine = new CommandLine(new Profiles());
        commandLine.setSubcommandsCaseInsensitive(true);
        return commandLine.parseArgs(args);
    }

    private static CommandLine.ParseResult parse(Object command, String... args) {
        return new CommandLine(command).parseArgs(args);
    }

    @Test
    void anOptionMakesAnInvocationTouchSecretsUnderAnyOfItsNames() {
        assertFalse(RunChildGuard.touchesSecrets("--show-secret", parse(new Get(), "openai")));
        assertTrue(RunChildGuard.touchesSecrets("--show-secret", parse(new Get(), "openai", "--show-secret")));
        assertTrue(RunChildGuard.touchesSecrets("--show-secret", parse(new Get(), "-s", "openai")));
    }

    @Test
    void anActionWordIsTheFirstParameterOnly() {
        assertTrue(RunChildGuard.touchesSecrets(new String[] {"delete"}, parse(new Profile(), "delete", "work")));
        assertFalse(RunChildGuard.touchesSecrets("delete", parse(new Profile(), "create", "delete")));
        assertFalse(RunChildGuard.touchesSecrets("delete", parse(new Profile(), "list")));
    }

    @Test
    void anActionWordIsTheSubcommandNameWhateverItsCase() {
        assertTrue(RunChildGuard.touchesSecrets("delete", parseActions("delete", "work")));
        assertTrue(RunChildGuard.touchesSecrets("delete", parseActions("DELETE", "work")));
        assertFalse(RunChildGuard.touchesSecrets("delete", parseActions("create", "delete")));
    }

    @Test
    void anOptionOfTheSubcommandCounts() {
        assertTrue(RunChildGuard.touchesSecrets("--force", parseActions("delete", "work", "--force")));
        assertFalse(RunChildGuard.touchesSecrets("--force", parseActions("delete", "work")));
    }

    @Test
    void alwaysAndAbsentAreEveryInvocationAndNone() {
        assertTrue(RunChildGuard.touchesSecrets("always", parse(new Get(), "openai")));
        assertFalse(RunChildGuard.touchesSecrets(null, parse(new Get(), "openai", "--show-secret")));
    }

    @Test
    void aSecretInvocationIsRefusedOnlyInsideARun() throws AuthsomeException {
        CommandLine.ParseResult show = parse(new Get(), "openai", "--show-secret");
        List<AuditEvent> audited = new ArrayList<>();
        new RunChildGuard(audited::add, Optional::empty).check("get", "--show-secret", show, "default");
        new RunChildGuard(audited::add, () -> Optional.of(Person.Confinement.insideRun(42))).check("get", "--show-secret", parse(new Get(), "openai"),
                "default");
        assertTrue(audited.isEmpty());
        AuthsomeException refused = assertThrows(AuthsomeException.class,
                () -> new RunChildGuard(audited::add, () -> Optional.of(Person.Confinement.insideRun(42))).check("export", "always", show, "default"));
        assertEquals(ErrorCode.NOT_ALLOWED, refused.code());
        assertEquals(4, refused.code().exitCode());
        assertTrue(refused.getMessage().contains("process 42"), refused.getMessage());
        assertEquals(RunChildGuard.EVENT, audited.get(0).event());
        assertEquals("export", audited.get(0).details().get("command"));
    }
}
