package io.authsome.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The secret variables {@code bin/authsome} took out of the environment (so that no process of
 * the same user can read them in this JVM's {@code /proc/<pid>/environ}) and handed over on the
 * file descriptor named by the system property {@value #FD_PROPERTY}: {@code NAME=value} entries,
 * each ended by a NUL byte. They are read once, before the framework starts and before any child
 * process exists, and reach the bundles as framework properties
 * ({@code io.authsome.api.credential.SecretVariables}).
 */
final class LaunchSecrets {
    static final String FD_PROPERTY = "authsome.secrets.fd";
    /** The framework property prefix of {@code io.authsome.api.credential.SecretVariables}. */
    static final String PROPERTY_PREFIX = "authsome.secret.";

    private LaunchSecrets() {
    }

    /** The handed-over variables as framework properties; none when nothing was handed over. */
    static Map<String, String> take() {
        String fd = System.getProperty(FD_PROPERTY);
        Map<String, String> properties = new LinkedHashMap<>();
        if (fd == null) {
            return properties;
        }
        System.clearProperty(FD_PROPERTY);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(Path.of("/proc/self/fd", fd));
        } catch (IOException | RuntimeException e) {
            System.err.println("warning: the secrets bin/authsome handed over on descriptor " + fd
                    + " could not be read: " + e.getMessage());
            return properties;
        }
        return parse(bytes);
    }

    static Map<String, String> parse(byte[] bytes) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (String entry : new String(bytes, StandardCharsets.UTF_8).split("\0")) {
            int equals = entry.indexOf('=');
            if (equals > 0) {
                properties.put(PROPERTY_PREFIX + entry.substring(0, equals), entry.substring(equals + 1));
            }
        }
        return properties;
    }
}
