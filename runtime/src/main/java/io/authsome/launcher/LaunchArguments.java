package io.authsome.launcher;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** What the launcher itself needs from the command line and environment, before the framework starts. */
final class LaunchArguments {
    /**
     * A command line the launcher refuses before it touches any file, printed as the console
     * prints a usage error (plain, or one JSON document with {@code --json}).
     */
    static final class UsageException extends Exception {
        static final int EXIT_CODE = 64;
        private static final long serialVersionUID = 1L;
        private final String nextStep;

        UsageException(String message, String nextStep) {
            super(message);
            this.nextStep = nextStep;
        }

        void print(String[] args) {
            if (List.of(args).contains("--json")) {
                System.out.println("{\"v\":1,\"error\":\"USAGE\",\"message\":\"" + getMessage() + "\",\"next_step\":\""
                        + nextStep + "\",\"exit_code\":" + EXIT_CODE + "}");
            } else {
                System.err.println("error: " + getMessage());
                System.err.println("next:  " + nextStep);
            }
        }
    }

    private LaunchArguments() {
    }

    /**
     * The home directory: {@code --home DIR} (or {@code --home=DIR}) anywhere before {@code --},
     * else {@code AUTHSOME_HOME}, else {@code ~/.authsome}.
     *
     * @throws UsageException for an empty {@code --home}, which would make the current directory the vault
     */
    static Path home(String[] args, Map<String, String> env) throws UsageException {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--")) {
                break;
            }
            if (args[i].equals("--home") && i + 1 < args.length) {
                return given(args[i + 1]);
            }
            if (args[i].startsWith("--home=")) {
                return given(args[i].substring("--home=".length()));
            }
        }
        String fromEnv = env.get("AUTHSOME_HOME");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return absolute(fromEnv);
        }
        return Path.of(System.getProperty("user.home"), ".authsome");
    }

    /** The value of {@code option} ({@code --option V} or {@code --option=V}) before {@code --}; {@code null} when absent. */
    static String optionValue(String[] args, String option) {
        for (int i = 0; i < args.length && !args[i].equals("--"); i++) {
            if (args[i].equals(option) && i + 1 < args.length) {
                return args[i + 1];
            }
            if (args[i].startsWith(option + "=")) {
                return args[i].substring(option.length() + 1);
            }
        }
        return null;
    }

    /** Whether the command line is {@code daemon serve}: this runtime then becomes the home's daemon. */
    static boolean servesDaemon(String[] args) {
        List<String> words = new java.util.ArrayList<>();
        for (int i = 0; i < args.length && words.size() < 2; i++) {
            if (args[i].equals("--home") || args[i].equals("--profile")) {
                i++;
            } else if (!args[i].startsWith("-")) {
                words.add(args[i]);
            }
        }
        return words.equals(List.of("daemon", "serve"));
    }

    /** The user cache directory: {@code $XDG_CACHE_HOME}, else {@code ~/.cache}. */
    static Path cacheRoot(Map<String, String> env) {
        String xdg = env.get("XDG_CACHE_HOME");
        return xdg != null && !xdg.isBlank() ? absolute(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    }

    private static Path given(String home) throws UsageException {
        if (home.isBlank()) {
            // Messages without quotes or backslashes: print() puts them into JSON as they are.
            throw new UsageException("--home needs a directory: an empty value would make the current directory"
                    + " the vault; nothing was changed", "authsome --home DIR, or leave --home out to use AUTHSOME_HOME"
                    + " or ~/.authsome");
        }
        return absolute(home);
    }

    private static Path absolute(String path) {
        return Path.of(path).toAbsolutePath().normalize();
    }
}
