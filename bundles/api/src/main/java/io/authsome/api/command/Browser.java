package io.authsome.api.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Opens a URL for the person at this machine: with the command in {@code $BROWSER} (the URL as
 * its last argument) when set, else the platform opener ({@code xdg-open}, {@code open}).
 */
public final class Browser {
    private Browser() {
    }

    /** Whether a browser can be opened here at all. */
    public static boolean available() {
        return command().isPresent();
    }

    /**
     * Starts the browser on {@code url} without waiting for it.
     *
     * @return whether a browser was started
     */
    public static boolean open(String url) {
        Optional<List<String>> command = command();
        if (command.isEmpty()) {
            return false;
        }
        List<String> line = new ArrayList<>(command.get());
        line.add(url);
        try {
            new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Optional<List<String>> command() {
        String browser = System.getenv("BROWSER");
        if (browser != null && !browser.isBlank()) {
            return Optional.of(List.of(browser.trim().split("\\s+")));
        }
        for (String opener : List.of("/usr/bin/xdg-open", "/usr/bin/open")) {
            if (Files.isExecutable(Path.of(opener))) {
                return Optional.of(List.of(opener));
            }
        }
        return Optional.empty();
    }
}
