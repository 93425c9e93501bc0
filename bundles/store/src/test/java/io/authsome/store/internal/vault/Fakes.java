package io.authsome.store.internal.vault;

import io.authsome.api.command.AuthsomeCommand;
import io.authsome.api.command.CommandContext;
import io.authsome.api.home.HomeLayout;
import io.authsome.api.vault.Secret;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine;

/** Stand-ins for the services and the console, for unit tests of commands. */
final class Fakes {
    private Fakes() {
    }

    /** An answer that throws {@code exception} (a checked one, when the method declares it). */
    record Thrown(Exception exception) {
    }

    /** An implementation of {@code type} answering by method name; any other method throws. */
    static <T> T of(Class<T> type, Map<String, Function<Object[], Object>> answers) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            Function<Object[], Object> answer = answers.get(method.getName());
            if (answer == null) {
                throw new UnsupportedOperationException(method.getName());
            }
            Object result = answer.apply(args == null ? new Object[0] : args);
            if (result instanceof Thrown thrown) {
                throw thrown.exception();
            }
            return result;
        }));
    }

    /** Sets a field as Declarative Services does for a {@code @Reference}. */
    static void inject(Object target, String name, Object value) {
        try {
            Field field = target.getClass().getDeclaredField(name);
            field.setAccessible(true);
            field.set(target, value);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * A console context: no JSON, not quiet, the profile {@code default}, secrets read as
     * {@code secret}, no terminal, no secret variable handed over.
     */
    static CommandContext context(Path home, Optional<Secret> secret) {
        return context(home, a -> secret, Map.of(), false);
    }

    /**
     * A console context whose reads of secrets answer {@code read}, with the secret variables
     * {@code secretVariables} handed over, on a terminal when {@code interactive}.
     */
    static CommandContext context(Path home, Function<Object[], Object> read, Map<String, Secret> secretVariables,
                                  boolean interactive) {
        return of(CommandContext.class, Map.of("json", a -> false, "quiet", a -> false, "verbose", a -> false,
                "profile", a -> "default", "home", a -> new HomeLayout(home), "diagnostics", a -> System.err,
                "readSecret", read, "interactive", a -> interactive,
                "secretVariable", a -> Optional.ofNullable(secretVariables.get((String) a[0]))));
    }

    /**
     * Parses {@code args} as the console does into {@code command} and its subcommands, and returns
     * what runs: the subcommand chosen.
     */
    static AuthsomeCommand parse(AuthsomeCommand command, String... args) {
        CommandLine.ParseResult parsed = new CommandLine(command).parseArgs(args);
        while (parsed.hasSubcommand()) {
            parsed = parsed.subcommand();
        }
        return (AuthsomeCommand) parsed.commandSpec().userObject();
    }
}
