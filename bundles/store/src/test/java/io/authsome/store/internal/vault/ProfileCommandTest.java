package io.authsome.store.internal.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.audit.AuditEvent;
import io.authsome.api.audit.AuditLog;
import io.authsome.api.command.CommandContext;
import io.authsome.api.command.CommandResult;
import io.authsome.api.command.Table;
import io.authsome.api.command.Text;
import io.authsome.api.vault.Vault;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code profile list|create|use|delete}: each action a subcommand, over a stand-in vault. */
class ProfileCommandTest {
    private final List<String> calls = new ArrayList<>();
    private final List<AuditEvent> audited = new ArrayList<>();
    private final CommandContext context = Fakes.context(Path.of("/nonexistent"), Optional.empty());
    private final ProfileCommand command = new ProfileCommand();

    ProfileCommandTest() {
        Vault vault = Fakes.of(Vault.class, Map.of(
                "activeProfile", a -> "work",
                "profiles", a -> List.of("default", "work"),
                "createProfile", a -> calls.add("create " + a[0]),
                "useProfile", a -> calls.add("use " + a[0]),
                "deleteProfile", a -> calls.add("delete " + a[0])));
        Fakes.inject(command, "vault", vault);
        Fakes.inject(command, "audit", Fakes.of(AuditLog.class, Map.of("record", a -> audited.add((AuditEvent) a[0]))));
    }

    @Test
    @SuppressWarnings("unchecked")
    void listMarksTheActiveProfile() throws AuthsomeException {
        CommandResult result = Fakes.parse(command, "list").execute(context);
        Table table = (Table) result.blocks().get(0);
        assertEquals(List.of(List.of("", "default"), List.of("*", "work")), table.rows());
        Map<String, Object> data = (Map<String, Object>) result.data();
        assertEquals("work", data.get("active"));
        assertEquals(2, ((List<?>) data.get("profiles")).size());
        assertTrue(audited.isEmpty());
        assertTrue(calls.isEmpty());
    }

    @Test
    void eachChangeIsDoneAuditedAndTold() throws AuthsomeException {
        for (String action : List.of("create", "use", "delete")) {
            CommandResult result = Fakes.parse(command, action, "ci").execute(context);
            assertEquals(Map.of("profile", "ci", "action", action), result.data());
            assertInstanceOf(Text.class, result.blocks().get(0));
        }
        assertEquals(List.of("create ci", "use ci", "delete ci"), calls);
        assertEquals(List.of("profile_create", "profile_use", "profile_delete"),
                audited.stream().map(AuditEvent::event).toList());
        assertTrue(audited.stream().allMatch(e -> e.profile().equals("ci") && e.outcome().equals(AuditEvent.SUCCESS)));
    }

    @Test
    void aChangeNeedsAName() {
        assertThrows(CommandLine.MissingParameterException.class, () -> Fakes.parse(command, "create"));
    }

    @Test
    void anUnknownActionIsAUsageErrorOfPicocli() {
        CommandLine.UnmatchedArgumentException e = assertThrows(CommandLine.UnmatchedArgumentException.class,
                () -> Fakes.parse(command, "rename", "work"));
        assertEquals("rename", e.getUnmatched().get(0));
    }

    @Test
    void withoutAnActionTheCommandItselfRefuses() {
        AuthsomeException e = assertThrows(AuthsomeException.class, () -> Fakes.parse(command).execute(context));
        assertEquals(ErrorCode.USAGE, e.code());
        assertTrue(calls.isEmpty());
    }
}
