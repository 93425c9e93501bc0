package io.authsome.proxy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.authsome.api.audit.AuditLog;
import io.authsome.api.command.ChildProcess;
import io.authsome.api.command.CommandContext;
import io.authsome.api.command.CommandResult;
import io.authsome.api.config.Config;
import io.authsome.api.config.Configuration;
import io.authsome.api.credential.CredentialResolver;
import io.authsome.api.home.HomeLayout;
import io.authsome.api.provider.ProviderCatalog;
import io.authsome.api.vault.ProfileStore;
import io.authsome.api.vault.Vault;
import io.authsome.client.process.RunChild;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code run}: the child starts in the invocation's working directory with the invocation's
 * environment (plus the proxy's variables), not the process's: a real proxy and a real child.
 */
class RunCommandTest {
    /** A variable no process running the tests sets. */
    private static final String VARIABLE = "RUN_COMMAND_TEST_VALUE";

    @TempDir
    Path temp;

    private static <T> T fake(Class<T> type, Map<String, Function<Object[], Object>> answers) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            Function<Object[], Object> answer = answers.get(method.getName());
            if (answer == null) {
                if (method.isDefault()) {
                    return java.lang.reflect.InvocationHandler.invokeDefault(proxy, method, args);
                }
                throw new UnsupportedOperationException(method.getName());
            }
            return answer.apply(args);
        }));
    }

    private static void set(Object target, String name, Object value) throws ReflectiveOperationException {
        Field field = target.getClass().getDeclaredField(name);
        field.setAccessible(true);
        field.set(target, value);
    }

    private static RunCommand parse(String... args) throws ReflectiveOperationException {
        ProfileStore store = fake(ProfileStore.class, Map.of("name", a -> "default", "connections", a -> List.of(),
                "client", a -> Optional.empty()));
        RunCommand command = new RunCommand();
        set(command, "catalog", fake(ProviderCatalog.class, Map.of("providers", a -> List.of())));
        set(command, "vault", fake(Vault.class, Map.of("profile", a -> store)));
        set(command, "resolver", fake(CredentialResolver.class, Map.of()));
        set(command, "auditLog", fake(AuditLog.class, Map.of("record", a -> null)));
        set(command, "configuration", fake(Configuration.class, Map.of("current", a -> Config.DEFAULTS)));
        set(command, "injectors", new Injectors());
        new CommandLine(command).parseArgs(args);
        return command;
    }

    private static CommandContext context(Path home, Path workingDirectory, Map<String, String> environment) {
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        return fake(CommandContext.class, Map.of("profile", a -> "default", "home", a -> new HomeLayout(home),
                "verbose", a -> false, "quiet", a -> true, "diagnostics", a -> discard,
                "environment", a -> environment, "workingDirectory", a -> workingDirectory, "interactive", a -> false,
                "startChild", RunCommandTest::startHere));
    }

    /** Starts the child as the person's own process would: here, as the in-process console does. */
    @SuppressWarnings("unchecked")
    private static ChildProcess startHere(Object[] args) {
        try {
            RunChild child = RunChild.start((List<String>) args[0], (Map<String, String>) args[1], (Path) args[2],
                    false);
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
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theChildRunsInTheInvocationsDirectoryWithItsEnvironment() throws Exception {
        Path work = Files.createDirectories(temp.resolve("work dir"));
        assertNotEquals(Path.of(System.getProperty("user.dir")).toRealPath(), work.toRealPath());
        Path out = temp.resolve("child.txt");

        CommandResult result = parse("--", "/bin/sh", "-c",
                "pwd > \"$OUT\"; printf '%s\\n' \"$" + VARIABLE + "\" \"${HTTPS_PROXY%%@*}\" >> \"$OUT\"")
                .execute(context(temp.resolve("home"), work, Map.of(VARIABLE, "from the client", "OUT", out.toString())));

        assertEquals(0, result.exitCode());
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertEquals(work.toRealPath().toString(), lines.get(0));
        assertEquals("from the client", lines.get(1));
        assertTrue(lines.get(2).startsWith("http://"), "the proxy variables are added: " + lines.get(2));
    }
}
