package io.authsome.providers.internal.commands;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.audit.AuditEvent;
import io.authsome.api.audit.AuditLog;
import io.authsome.api.command.CommandContext;
import io.authsome.api.command.CommandResult;
import io.authsome.api.provider.Provider;
import io.authsome.api.provider.ProviderCatalog;
import io.authsome.api.provider.ProviderSource;
import io.authsome.providers.internal.ProviderParser;
import io.authsome.providers.internal.RunningPlugins;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code register <file.json>}: a relative file is the invocation's, not the process's. */
class RegisterCommandTest {
    private static final String ACME = """
            {"name": "acme", "auth_type": "api_key", "api_url": "api.acme.com"}
            """;

    @TempDir
    Path work;

    private final List<byte[]> registered = new ArrayList<>();
    private final List<String> origins = new ArrayList<>();
    private final List<AuditEvent> audited = new ArrayList<>();

    private RegisterCommand parse(String... args) throws ReflectiveOperationException {
        RegisterCommand command = new RegisterCommand();
        set(command, "catalog", Proxy.newProxyInstance(ProviderCatalog.class.getClassLoader(),
                new Class<?>[] {ProviderCatalog.class}, (proxy, method, arguments) -> {
                    if (!method.getName().equals("register")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    registered.add((byte[]) arguments[0]);
                    origins.add((String) arguments[1]);
                    return new Provider(new ProviderParser().parse((byte[]) arguments[0], (String) arguments[1]),
                            ProviderSource.CUSTOM, "/custom/acme.json");
                }));
        set(command, "audit", Proxy.newProxyInstance(AuditLog.class.getClassLoader(), new Class<?>[] {AuditLog.class},
                (proxy, method, arguments) -> audited.add((AuditEvent) arguments[0]) ? null : null));
        set(command, "plugins", new RunningPlugins());
        new CommandLine(command).parseArgs(args);
        return command;
    }

    private static void set(Object target, String name, Object value) throws ReflectiveOperationException {
        Field field = target.getClass().getDeclaredField(name);
        field.setAccessible(true);
        field.set(target, value);
    }

    /** A context whose working directory is {@code directory}; nothing else of it is expected to be asked. */
    private static CommandContext context(Path directory) {
        return (CommandContext) Proxy.newProxyInstance(CommandContext.class.getClassLoader(),
                new Class<?>[] {CommandContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("workingDirectory")) {
                        return directory;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void aRelativeFileIsReadFromTheInvocationsWorkingDirectory() throws Exception {
        Path definitions = Files.createDirectories(work.resolve("defs"));
        Files.writeString(definitions.resolve("acme.json"), ACME, StandardCharsets.UTF_8);
        Path elsewhere = Path.of(System.getProperty("user.dir"));
        assertEquals(false, Files.exists(elsewhere.resolve("defs/acme.json")), "the test needs the file absent from user.dir");

        CommandResult result = parse("defs/acme.json").execute(context(work));

        assertEquals("acme", ((Map<?, ?>) result.data()).get("registered"));
        assertArrayEquals(ACME.getBytes(StandardCharsets.UTF_8), registered.get(0));
        assertEquals(List.of("defs/acme.json"), origins, "problems name the file as it was given");
        assertEquals(List.of("register"), audited.stream().map(AuditEvent::event).toList());
    }

    @Test
    void aRelativeFileMissingFromTheWorkingDirectoryIsNamedAsGiven() throws Exception {
        Path inProcessDirectory = Files.createDirectories(Path.of(System.getProperty("user.dir"), "target"))
                .resolve("register-test.json");
        Files.writeString(inProcessDirectory, ACME, StandardCharsets.UTF_8);
        AuthsomeException e;
        try {
            e = assertThrows(AuthsomeException.class, () -> parse("target/register-test.json").execute(context(work)));
        } finally {
            Files.delete(inProcessDirectory);
        }

        assertEquals(ErrorCode.INVALID_INPUT, e.code());
        assertEquals("file target/register-test.json does not exist", e.getMessage());
        assertEquals(List.of(), registered);
    }

    @Test
    void anAbsoluteFileStaysAsGiven() throws Exception {
        Path file = Files.writeString(work.resolve("acme.json"), ACME, StandardCharsets.UTF_8);

        parse(file.toString()).execute(context(Path.of("/nonexistent")));

        assertEquals(List.of(file.toString()), origins);
    }
}
