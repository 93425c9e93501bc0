package io.authsome.launcher;

import io.authsome.client.HandedOverSecrets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /**
     * The vault passphrase of {@code daemon serve --passphrase-fd N}: the first line read from
     * descriptor {@code N} (a pipe, a systemd credential), as the framework property of
     * {@code AUTHSOME_PASSPHRASE}, so that the daemon opens the vault without a terminal and
     * without the passphrase in any environment.
     *
     * @throws IOException when the descriptor cannot be read
     */
    static Map<String, String> passphraseFrom(String fd) throws IOException {
        String content = Files.readString(Path.of("/proc/self/fd", fd), StandardCharsets.UTF_8);
        int end = content.indexOf('\n');
        String passphrase = end < 0 ? content : content.substring(0, end);
        return passphrase.isEmpty() ? Map.of() : Map.of(PROPERTY_PREFIX + "AUTHSOME_PASSPHRASE", passphrase);
    }
}
