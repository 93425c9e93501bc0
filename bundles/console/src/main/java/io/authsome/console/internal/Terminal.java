package io.authsome.console.internal;

import io.authsome.api.credential.SecretVariables;
import io.authsome.api.vault.Secret;
import io.authsome.common.env.SecretEnvironment;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One invocation as the console sees it: its standard streams, whether a person is at them, and
 * the environment and working directory of whoever invoked it. Commands read these through
 * their {@code CommandContext}, never from the process, so that a runtime serving another
 * process's invocation hands its values in here.
 *
 * @param in               standard input
 * @param out              results
 * @param err              diagnostics, progress and human-readable errors
 * @param interactive      whether standard input and output are a terminal
 * @param environment      the invocation's environment variables (copied, unmodifiable)
 * @param workingDirectory the directory relative paths on the command line are resolved against
 *                         (absolute)
 * @param secretVariables  the {@link SecretVariables} handed over, by name (copied, unmodifiable;
 *                         only those set)
 * @param person           where the person sits: their terminal, browser and process tree
 */
public record Terminal(InputStream in, PrintStream out, PrintStream err, boolean interactive,
                       Map<String, String> environment, Path workingDirectory, Map<String, Secret> secretVariables,
                       Person person) {
    public Terminal {
        environment = Map.copyOf(environment);
        secretVariables = Map.copyOf(secretVariables);
        if (!workingDirectory.isAbsolute()) {
            throw new IllegalArgumentException("the working directory must be absolute: " + workingDirectory);
        }
    }

    /**
     * This process's invocation: its standard streams, environment and working directory
     * ({@code user.dir}), and the secret variables the launcher handed over (the framework
     * properties of {@link SecretVariables}).
     */
    static Terminal system() {
        Map<String, Secret> secrets = new LinkedHashMap<>();
        for (String name : SecretVariables.ALL) {
            SecretEnvironment.value(name).ifPresent(value -> secrets.put(name, Secret.of(value)));
        }
        return new Terminal(System.in, System.out, System.err, System.console() != null, System.getenv(),
                Path.of(System.getProperty("user.dir")), secrets, LocalPerson.INSTANCE);
    }

    /** The secret variable {@code name}, if it was handed over. */
    Optional<Secret> secretVariable(String name) {
        return Optional.ofNullable(secretVariables.get(name));
    }

    /** Names the variables, never their values: the environment may carry keys. */
    @Override
    public String toString() {
        return "Terminal[interactive=" + interactive + ", workingDirectory=" + workingDirectory + ", environment="
                + environment.keySet() + ", secretVariables=" + secretVariables.keySet() + "]";
    }
}
