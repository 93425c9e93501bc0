package io.authsome.store.internal.agent;

import io.authsome.api.audit.AuditEvent;
import io.authsome.api.audit.AuditLog;
import io.authsome.api.command.AuthsomeCommand;
import io.authsome.api.command.CommandContext;
import io.authsome.api.config.Config;
import io.authsome.api.config.Configuration;
import io.authsome.api.home.HomeLayout;
import io.authsome.api.provider.AuthType;
import io.authsome.api.provider.Flow;
import io.authsome.api.provider.HeaderInjection;
import io.authsome.api.provider.Provider;
import io.authsome.api.provider.ProviderCatalog;
import io.authsome.api.provider.ProviderDefinition;
import io.authsome.api.provider.ProviderSource;
import io.authsome.api.provider.Route;
import io.authsome.api.vault.ConnectionInfo;
import io.authsome.api.vault.ConnectionState;
import io.authsome.api.vault.ProfileStore;
import io.authsome.api.vault.Vault;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import picocli.CommandLine;

/** Stand-ins for the services and the console, for the agent command tests. */
final class AgentFakes {
    private AgentFakes() {
    }

    /** An implementation of {@code type} answering by method name; any other method throws. */
    static <T> T of(Class<T> type, Map<String, Function<Object[], Object>> answers) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            Function<Object[], Object> answer = answers.get(method.getName());
            if (answer == null) {
                throw new UnsupportedOperationException(method.getName());
            }
            return answer.apply(args == null ? new Object[0] : args);
        }));
    }

    static void inject(Object target, String name, Object value) {
        try {
            Field field = target.getClass().getDeclaredField(name);
            field.setAccessible(true);
            field.set(target, value);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    static Provider provider(String name) {
        return new Provider(new ProviderDefinition(1, name, name, AuthType.API_KEY, Flow.API_KEY,
                List.of(Route.parse("api." + name + ".test")), List.of(), HeaderInjection.BEARER, null, null, Map.of(),
                null, Map.of()), ProviderSource.BUNDLED, "test");
    }

    /** A catalog of {@code names}. */
    static ProviderCatalog catalog(String... names) {
        List<Provider> providers = java.util.Arrays.stream(names).map(AgentFakes::provider).toList();
        return of(ProviderCatalog.class, Map.of(
                "providers", a -> providers,
                "find", a -> providers.stream().filter(p -> p.name().equals(a[0])).findFirst()));
    }

    /** A vault whose every profile holds the default connection {@code github/default}. */
    static Vault vault() {
        ConnectionInfo github = new ConnectionInfo("github", "default", ConnectionState.CONNECTED, true, Map.of(),
                Instant.parse("2026-01-01T00:00:00Z"), null);
        return of(Vault.class, Map.of("profile", a -> of(ProfileStore.class, Map.of(
                "name", b -> a[0],
                "connections", b -> List.of(github)))));
    }

    static Configuration configuration(Config config) {
        return of(Configuration.class, Map.of("current", a -> config));
    }

    static AuditLog audit(List<AuditEvent> events) {
        return of(AuditLog.class, Map.of("record", a -> events.add((AuditEvent) a[0])));
    }

    /**
     * The agents service of {@code home}, over the catalog {@code github, gitlab, openai}, the
     * {@link #vault()}, {@code config}, and an audit log that adds to {@code audited}.
     */
    static AgentsComponent agents(Path home, ExecutorService recorder, Config config, List<AuditEvent> audited) {
        return new AgentsComponent(new HomeLayout(home), recorder, vault(), catalog("github", "gitlab", "openai"),
                configuration(config), audit(audited));
    }

    /** The agents service of {@code home}, with the default settings, auditing nowhere. */
    static AgentsComponent agents(Path home, ExecutorService recorder) {
        return agents(home, recorder, Config.DEFAULTS, new ArrayList<>());
    }

    /** A console context on {@code home}: the profile {@code default}, diagnostics to {@code err}. */
    static CommandContext context(Path home, PrintStream err) {
        return of(CommandContext.class, Map.of("json", a -> false, "quiet", a -> false, "verbose", a -> false,
                "profile", a -> "default", "home", a -> new HomeLayout(home), "diagnostics", a -> err,
                "readSecret", a -> Optional.empty()));
    }

    /** Parses {@code args} as the console does and returns the subcommand chosen. */
    static AuthsomeCommand parse(AuthsomeCommand command, String... args) {
        CommandLine.ParseResult parsed = new CommandLine(command).parseArgs(args);
        while (parsed.hasSubcommand()) {
            parsed = parsed.subcommand();
        }
        return (AuthsomeCommand) parsed.commandSpec().userObject();
    }
}
