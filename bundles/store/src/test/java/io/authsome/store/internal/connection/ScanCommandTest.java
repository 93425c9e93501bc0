package io.authsome.store.internal.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.authsome.api.audit.AuditLog;
import io.authsome.api.command.CommandContext;
import io.authsome.api.command.CommandResult;
import io.authsome.api.home.HomeLayout;
import io.authsome.api.provider.AuthType;
import io.authsome.api.provider.Flow;
import io.authsome.api.provider.HeaderInjection;
import io.authsome.api.provider.Provider;
import io.authsome.api.provider.ProviderCatalog;
import io.authsome.api.provider.ProviderDefinition;
import io.authsome.api.provider.ProviderSource;
import io.authsome.api.vault.ProfileStore;
import io.authsome.api.vault.Vault;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code scan}: the folder and the environment scanned are the invocation's, not the process's. */
class ScanCommandTest {
    /** A variable no process running the tests sets. */
    private static final String VARIABLE = "SCAN_TEST_ACME_API_KEY";

    @TempDir
    Path work;

    private static <T> T fake(Class<T> type, Map<String, Function<Object[], Object>> answers) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            Function<Object[], Object> answer = answers.get(method.getName());
            if (answer == null) {
                throw new UnsupportedOperationException(method.getName());
            }
            return answer.apply(args);
        }));
    }

    private static ScanCommand parse(String... args) throws ReflectiveOperationException {
        Provider acme = new Provider(new ProviderDefinition(1, "acme", "Acme", AuthType.API_KEY, Flow.API_KEY,
                List.of(), List.of(), HeaderInjection.BEARER, null, null,
                Map.of(ProviderDefinition.API_KEY, List.of(VARIABLE)), null, Map.of()), ProviderSource.BUNDLED, "test");
        ProfileStore store = fake(ProfileStore.class, Map.of("name", a -> "default", "connections", a -> List.of()));
        ScanCommand command = new ScanCommand();
        set(command, "catalog", fake(ProviderCatalog.class, Map.of("providers", a -> List.of(acme))));
        set(command, "vault", fake(Vault.class, Map.of("profile", a -> store)));
        set(command, "audit", fake(AuditLog.class, Map.of()));
        new CommandLine(command).parseArgs(args);
        return command;
    }

    private static void set(Object target, String name, Object value) throws ReflectiveOperationException {
        Field field = target.getClass().getDeclaredField(name);
        field.setAccessible(true);
        field.set(target, value);
    }

    private static CommandContext context(Path workingDirectory, Map<String, String> environment) {
        return fake(CommandContext.class, Map.of("workingDirectory", a -> workingDirectory,
                "environment", a -> environment, "profile", a -> "default",
                "home", a -> new HomeLayout(workingDirectory.resolve("home"))));
    }

    @SuppressWarnings("unchecked")
    private static List<String> sources(CommandResult result) {
        List<Map<String, Object>> findings = (List<Map<String, Object>>) ((Map<String, Object>) result.data())
                .get("findings");
        return findings.stream().map(finding -> finding.get("variable") + " " + finding.get("source") + " "
                + finding.get("status")).toList();
    }

    @Test
    void scansTheWorkingDirectoryAndTheEnvironmentOfTheInvocation() throws Exception {
        Files.createDirectories(work.resolve("app"));
        Files.writeString(work.resolve("app/.env"), VARIABLE + "=from-the-file\n");

        CommandResult result = parse().execute(context(work, Map.of(VARIABLE, "from-the-environment")));

        assertEquals(List.of(VARIABLE + " app/.env:1 new", VARIABLE + " environment new"), sources(result));
    }

    @Test
    void aRelativeDirIsResolvedAgainstTheWorkingDirectory() throws Exception {
        Files.createDirectories(work.resolve("project/api"));
        Files.writeString(work.resolve("project/api/.env"), VARIABLE + "=from-the-file\n");
        Files.writeString(work.resolve(".env"), VARIABLE + "=outside-the-dir\n");

        CommandResult result = parse("--dir", "project").execute(context(work, Map.of()));

        assertEquals(List.of(VARIABLE + " api/.env:1 new"), sources(result));
    }
}
