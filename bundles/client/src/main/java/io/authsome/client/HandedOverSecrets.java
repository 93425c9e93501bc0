package io.authsome.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The secret variables bin/authsome took out of the environment and handed over on the file
 * descriptor named by the system property {@value #FD_PROPERTY}: {@code NAME=value} entries, each
 * ended by a NUL byte. Read once; the launcher turns them into framework properties, the thin
 * client sends them to the daemon with the rest of the invocation's environment.
 */
public final class HandedOverSecrets {
    public static final String FD_PROPERTY = "authsome.secrets.fd";

    private HandedOverSecrets() {
    }

    /** The handed-over variables by name; none when nothing was handed over or the descriptor cannot be read. */
    public static Map<String, String> take() {
        String fd = System.getProperty(FD_PROPERTY);
        if (fd == null) {
            return Map.of();
        }
        System.clearProperty(FD_PROPERTY);
        try {
            return parse(Files.readAllBytes(Path.of("/proc/self/fd", fd)));
        } catch (IOException | RuntimeException e) {
            System.err.println("warning: the secrets bin/authsome handed over on descriptor " + fd
                    + " could not be read: " + e.getMessage());
            return Map.of();
        }
    }

    static Map<String, String> parse(byte[] bytes) {
        Map<String, String> variables = new LinkedHashMap<>();
        for (String entry : new String(bytes, StandardCharsets.UTF_8).split("\0")) {
            int equals = entry.indexOf('=');
            if (equals > 0) {
                variables.put(entry.substring(0, equals), entry.substring(equals + 1));
            }
        }
        return variables;
    }
}
