package io.authsome.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.authsome.api.command.AuthsomeCommand;
import io.authsome.api.command.CommandSpec;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/** The registry lists and finds commands from the service properties {@link CommandSpec} declares. */
class CommandRegistryTest {
    private static final Pattern BY_NAME = Pattern.compile("\\(" + Pattern.quote(AuthsomeCommand.NAME) + "=(.+)\\)");

    /** A service reference with {@code properties} and {@code ranking}, as a framework would give. */
    @SuppressWarnings("unchecked")
    private static ServiceReference<AuthsomeCommand> reference(Map<String, Object> properties, int ranking) {
        return (ServiceReference<AuthsomeCommand>) Proxy.newProxyInstance(ServiceReference.class.getClassLoader(),
                new Class<?>[] {ServiceReference.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getProperty" -> properties.get((String) args[0]);
                    case "compareTo" -> Integer.compare(ranking, (int) ((ServiceReference<?>) args[0])
                            .getProperty("ranking"));
                    case "getProperties" -> new Hashtable<>(properties);
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> properties.toString();
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static CommandRegistry registry(List<ServiceReference<AuthsomeCommand>> references) {
        BundleContext context = (BundleContext) Proxy.newProxyInstance(BundleContext.class.getClassLoader(),
                new Class<?>[] {BundleContext.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("getServiceReferences") || args[0] != AuthsomeCommand.class) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    if (args[1] == null) {
                        return references;
                    }
                    Matcher byName = BY_NAME.matcher((String) args[1]);
                    assertTrue(byName.matches(), (String) args[1]);
                    return references.stream().filter(r -> byName.group(1).equals(r.getProperty(AuthsomeCommand.NAME)))
                            .toList();
                });
        return new CommandRegistry(context);
    }

    @Test
    void theAnnotationElementsAreTheServiceProperties() {
        Set<String> properties = Arrays.stream(CommandSpec.class.getDeclaredMethods()).map(Method::getName)
                .map(element -> CommandSpec.PREFIX_ + element).collect(Collectors.toSet());
        assertEquals(Set.of(AuthsomeCommand.NAME, AuthsomeCommand.SUMMARY, AuthsomeCommand.DESCRIPTION,
                AuthsomeCommand.SECRETS), properties);
    }

    @Test
    void commandsAreListedByNameFromTheirPropertiesWithoutActivation() {
        CommandRegistry registry = registry(List.of(
                reference(Map.of(AuthsomeCommand.NAME, "vault", AuthsomeCommand.SUMMARY, "Rekey the vault",
                        AuthsomeCommand.DESCRIPTION, "Vault maintenance.", "ranking", 0), 0),
                reference(Map.of(AuthsomeCommand.NAME, "run", AuthsomeCommand.SUMMARY, "Run a command",
                        AuthsomeCommand.DESCRIPTION, new String[] {"Line one.", "Line two."}, "ranking", 0), 0),
                reference(Map.of(AuthsomeCommand.NAME, "help", AuthsomeCommand.SUMMARY, "List the commands",
                        "ranking", 0), 0),
                reference(Map.of(AuthsomeCommand.SUMMARY, "no name, no command", "ranking", 0), 0)));
        assertEquals(List.of(
                new CommandRegistry.CommandInfo("help", "List the commands", List.of("List the commands.")),
                new CommandRegistry.CommandInfo("run", "Run a command", List.of("Line one.", "Line two.")),
                new CommandRegistry.CommandInfo("vault", "Rekey the vault", List.of("Vault maintenance."))),
                registry.commands());
        assertEquals(List.of("help", "run", "vault"), registry.names());
    }

    @Test
    void findTakesTheHighestRankedOfANameAndRefusesWhatIsNoName() {
        ServiceReference<AuthsomeCommand> low = reference(Map.of(AuthsomeCommand.NAME, "list", "ranking", 1), 1);
        ServiceReference<AuthsomeCommand> high = reference(Map.of(AuthsomeCommand.NAME, "list", "ranking", 5), 5);
        CommandRegistry registry = registry(List.of(low, high));
        assertEquals(high, registry.find("list").orElseThrow());
        assertTrue(registry.find("(list)").isEmpty());
        assertTrue(registry.find("nothing").isEmpty());
    }

    @Test
    void aSummaryIsASentenceOnlyOnce() {
        assertEquals("Print the version.", CommandRegistry.CommandInfo.sentence("Print the version"));
        assertEquals("Is it?", CommandRegistry.CommandInfo.sentence("Is it?"));
        assertEquals("", CommandRegistry.CommandInfo.sentence(""));
    }
}
