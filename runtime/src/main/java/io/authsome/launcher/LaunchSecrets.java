package io.authsome.launcher;

import io.authsome.client.HandedOverSecrets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The secret variables {@code bin/authsome} took out of the environment (so that no process of
 * the same user can read them in this JVM's {@code /proc/<pid>/environ}) and handed over on a
 * pipe ({@link HandedOverSecrets}). They are read once, before the framework starts and before any
 * child process exists, and reach the bundles as framework properties
 * ({@code io.authsome.api.credential.SecretVariables}).
 */
final class LaunchSecrets {
    /** The framework property prefix of {@code io.authsome.api.credential.SecretVariables}. */
    static final String PROPERTY_PREFIX = "authsome.secret.";

    private LaunchSecrets() {
    }

    /** The handed-over variables as framework properties; none when nothing was handed over. */
    static Map<String, String> take() {
        Map<String, String> properties = new LinkedHashMap<>();
        HandedOverSecrets.take().forEach((name, value) -> properties.put(PROPERTY_PREFIX + name, value));
        return properties;
    }
}
