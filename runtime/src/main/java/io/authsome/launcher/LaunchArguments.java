package io.authsome.launcher;

import java.nio.file.Path;
import java.util.Map;

/** What the launcher itself needs from the command line and environment, before the framework starts. */
final class LaunchArguments {
    private LaunchArguments() {
    }

    /**
     * The home directory: {@code --home DIR} (or {@code --home=DIR}) anywhere before {@code --},
     * else {@code AUTHSOME_HOME}, else {@code ~/.authsome}.
     */
    static Path home(String[] args, Map<String, String> env) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--")) {
                break;
            }
            if (args[i].equals("--home") && i + 1 < args.length) {
                return absolute(args[i + 1]);
            }
            if (args[i].startsWith("--home=")) {
                return absolute(args[i].substring("--home=".length()));
            }
        }
        String fromEnv = env.get("AUTHSOME_HOME");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return absolute(fromEnv);
        }
        return Path.of(System.getProperty("user.home"), ".authsome");
    }

    /** The user cache directory: {@code $XDG_CACHE_HOME}, else {@code ~/.cache}. */
    static Path cacheRoot(Map<String, String> env) {
        String xdg = env.get("XDG_CACHE_HOME");
        return xdg != null && !xdg.isBlank() ? absolute(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    }

    private static Path absolute(String path) {
        return Path.of(path).toAbsolutePath().normalize();
    }
}
