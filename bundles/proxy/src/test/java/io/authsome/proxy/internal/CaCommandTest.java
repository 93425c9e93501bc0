package io.authsome.proxy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.audit.AuditEvent;
import io.authsome.api.audit.AuditLog;
import io.authsome.api.command.AuthsomeCommand;
import io.authsome.api.command.CommandContext;
import io.authsome.api.command.CommandResult;
import io.authsome.api.command.Text;
import io.authsome.api.home.HomeLayout;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ca path|regenerate}: each action a subcommand, in a temporary home. */
class CaCommandTest {
    @TempDir
    Path home;

    private final List<AuditEvent> audited = new ArrayList<>();

    private AuthsomeCommand parse(String... args) throws ReflectiveOperationException {
        CaCommand command = new CaCommand();
        Field audit = CaCommand.class.getDeclaredField("audit");
        audit.setAccessible(true);
        audit.set(command, Proxy.newProxyInstance(AuditLog.class.getClassLoader(), new Class<?>[] {AuditLog.class},
                (proxy, method, arguments) -> audited.add((AuditEvent) arguments[0]) ? null : null));
        CommandLine.ParseResult parsed = new CommandLine(command).parseArgs(args);
        while (parsed.hasSubcommand()) {
            parsed = parsed.subcommand();
        }
        return (AuthsomeCommand) parsed.commandSpec().userObject();
    }

    private CommandContext context() {
        return (CommandContext) Proxy.newProxyInstance(CommandContext.class.getClassLoader(),
                new Class<?>[] {CommandContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("home")) {
                        return new HomeLayout(home);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(CommandResult result) {
        return (Map<String, Object>) result.data();
    }

    @Test
    void pathMakesTheCaOnceAndPrintsWhereItIs() throws Exception {
        CommandResult first = parse("path").execute(context());
        Path certificate = Path.of((String) data(first).get("path"));
        assertTrue(Files.exists(certificate));
        assertEquals(new Text(certificate.toString()), first.blocks().get(0));
        CommandResult second = parse("path").execute(context());
        assertEquals(data(first).get("sha256"), data(second).get("sha256"));
        assertEquals(List.of("ca_create"), audited.stream().map(AuditEvent::event).toList());
    }

    @Test
    void regenerateMakesANewCaAndIsAudited() throws Exception {
        String before = (String) data(parse("path").execute(context())).get("sha256");
        CommandResult regenerated = parse("regenerate").execute(context());
        assertNotEquals(before, data(regenerated).get("sha256"));
        assertTrue(((Text) regenerated.blocks().get(0)).text().startsWith("New CA in "));
        assertEquals(List.of("ca_create", "ca_regenerate"), audited.stream().map(AuditEvent::event).toList());
    }

    @Test
    void anUnknownActionAndNoActionAreUsageErrors() throws Exception {
        assertThrows(CommandLine.UnmatchedArgumentException.class, () -> parse("bogus"));
        assertThrows(CommandLine.UnmatchedArgumentException.class, () -> parse("path", "extra"));
        AuthsomeException none = assertThrows(AuthsomeException.class, () -> parse().execute(context()));
        assertEquals(ErrorCode.USAGE, none.code());
    }
}
