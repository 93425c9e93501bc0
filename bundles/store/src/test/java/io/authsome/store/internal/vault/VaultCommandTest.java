package io.authsome.store.internal.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.audit.AuditEvent;
import io.authsome.api.audit.AuditLog;
import io.authsome.api.command.CommandResult;
import io.authsome.api.home.HomeLayout;
import io.authsome.api.vault.Secret;
import io.authsome.api.vault.Vault;
import io.authsome.store.internal.VaultComponent;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code vault rekey}, a subcommand, over a stand-in vault. */
class VaultCommandTest {
    private final List<String> rekeys = new ArrayList<>();
    private final List<AuditEvent> audited = new ArrayList<>();
    private final VaultCommand command = new VaultCommand();

    @TempDir
    static Path home;

    VaultCommandTest() throws Exception {
        // The records of a home on the file store: the command asks the backend whether it is a team store.
        VaultComponent records = new VaultComponent();
        Method activate = VaultComponent.class.getDeclaredMethod("activate", HomeLayout.class);
        activate.setAccessible(true);
        activate.invoke(records, new HomeLayout(home));
        Fakes.inject(command, "records", records);
        Vault vault = Fakes.of(Vault.class, Map.of(
                "encryptionMode", a -> "key-file",
                "rekey", a -> {
                    rekeys.add(a[0] + (a[1] == null ? "" : " " + ((Secret) a[1]).reveal()));
                    return 3;
                }));
        Fakes.inject(command, "vault", vault);
        Fakes.inject(command, "audit", Fakes.of(AuditLog.class, Map.of("record", a -> audited.add((AuditEvent) a[0]))));
    }

    @Test
    void rekeyKeepsTheCurrentModeAndIsAudited() throws AuthsomeException {
        CommandResult result = Fakes.parse(command, "rekey").execute(Fakes.context(Path.of("/x"), Optional.empty()));
        assertEquals(List.of("key-file"), rekeys);
        assertEquals(Map.of("mode", "key-file", "records", 3), result.data());
        assertEquals("rekey", audited.get(0).event());
        assertEquals(AuditEvent.SUCCESS, audited.get(0).outcome());
        assertEquals(3, audited.get(0).details().get("records"));
    }

    @Test
    void rekeyIntoPassphraseModeAsksForTheNewPassphrase() throws AuthsomeException {
        Fakes.parse(command, "rekey", "--mode", "passphrase")
                .execute(Fakes.context(Path.of("/x"), Optional.of(Secret.of("correct horse battery"))));
        assertEquals(List.of("passphrase correct horse battery"), rekeys);
    }

    @Test
    void noNewPassphraseChangesNothing() {
        AuthsomeException e = assertThrows(AuthsomeException.class, () -> Fakes.parse(command, "rekey", "--mode",
                "passphrase").execute(Fakes.context(Path.of("/x"), Optional.empty())));
        assertEquals(ErrorCode.AUTHENTICATION_FAILED, e.code());
        assertTrue(rekeys.isEmpty());
        assertTrue(audited.isEmpty());
    }

    @Test
    void theNewPassphraseComesFromTheInvocationsSecretVariableWithoutAPrompt() throws AuthsomeException {
        Fakes.parse(command, "rekey", "--mode", "passphrase").execute(Fakes.context(Path.of("/x"), a -> {
            throw new AssertionError("asked for a passphrase the invocation handed over");
        }, Map.of(VaultCommand.NEW_PASSPHRASE_ENV, Secret.of("from the client")), true));
        assertEquals(List.of("passphrase from the client"), rekeys);
    }

    @Test
    void onTheInvocationsTerminalTheNewPassphraseIsAskedTwice() {
        List<String> answers = new ArrayList<>(List.of("first try", "second try"));
        AuthsomeException e = assertThrows(AuthsomeException.class, () -> Fakes.parse(command, "rekey", "--mode",
                "passphrase").execute(Fakes.context(Path.of("/x"), a -> Optional.of(Secret.of(answers.remove(0))),
                Map.of(), true)));
        assertEquals(ErrorCode.AUTHENTICATION_FAILED, e.code());
        assertTrue(answers.isEmpty());
        assertTrue(rekeys.isEmpty());
    }

    @Test
    void offATerminalTheNewPassphraseIsAskedOnce() throws AuthsomeException {
        List<String> answers = new ArrayList<>(List.of("only once", "never asked"));
        Fakes.parse(command, "rekey", "--mode", "passphrase").execute(Fakes.context(Path.of("/x"),
                a -> Optional.of(Secret.of(answers.remove(0))), Map.of(), false));
        assertEquals(List.of("passphrase only once"), rekeys);
    }

    @Test
    void aFailedRekeyIsAuditedAndRethrown() {
        AuthsomeException failure = new AuthsomeException(ErrorCode.UNEXPECTED, "disk full");
        Fakes.inject(command, "vault", Fakes.of(Vault.class, Map.of("encryptionMode", a -> "key-file",
                "rekey", a -> new Fakes.Thrown(failure))));
        AuthsomeException e = assertThrows(AuthsomeException.class,
                () -> Fakes.parse(command, "rekey").execute(Fakes.context(Path.of("/x"), Optional.empty())));
        assertSame(failure, e);
        assertEquals(AuditEvent.FAILURE, audited.get(0).outcome());
        assertEquals("UNEXPECTED", audited.get(0).details().get("reason"));
    }

    @Test
    void theModeBelongsToRekeyAndOtherActionsAreUnknown() {
        assertThrows(CommandLine.UnmatchedArgumentException.class, () -> Fakes.parse(command, "--mode", "key-file"));
        assertThrows(CommandLine.UnmatchedArgumentException.class, () -> Fakes.parse(command, "rotate"));
    }
}
