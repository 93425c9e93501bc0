package io.authsome.client.browser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Opens a URL for the person at this machine: with the command in {@code $BROWSER} when set, else
 * the platform opener ({@code xdg-open}, {@code open}) in a graphical session.
 * <p>
 * A browser's command line can be read by every local user, so the URL (which may carry a
 * login's {@code state} or a form's path) is never put there: the browser gets the path of a
 * page readable by the user alone (in the home, or in the thin client's private directory) that
 * sends it on to the URL. JDK only: the thin client opens the browser of a daemon's login with it.
 */
public final class Browser {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Browser() {
    }

    /**
     * A redirect page handed to the browser; {@link #close()} deletes it.
     *
     * @param file the page (mode 0600, in a 0700 directory)
     */
    public record Page(Path file) implements AutoCloseable {
        @Override
        public void close() {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // Left behind, it is still readable by the user alone; the next page replaces nothing.
            }
        }
    }

    /**
     * Whether a browser can really open here: {@code $BROWSER} is set, or there is a graphical
     * session (a display on Linux, macOS) that is not reached over SSH.
     *
     * @param env the environment of the invocation
     */
    public static boolean available(Map<String, String> env) {
        return command(env).isPresent();
    }

    /**
     * Starts the browser of {@code env} on {@code url} without waiting for it, through a private
     * redirect page in {@code pages} (created 0700 if missing).
     *
     * @param env the environment of the invocation, whose {@code $BROWSER} is used
     * @return the page, to delete once the browser has loaded it (it is deleted at the latest when
     *         this process ends); empty when no browser could be started
     */
    public static Optional<Page> open(String url, Path pages, Map<String, String> env) {
        Optional<List<String>> command = command(env);
        if (command.isEmpty()) {
            return Optional.empty();
        }
        Page page;
        try {
            page = new Page(write(pages, url));
        } catch (IOException e) {
            return Optional.empty();
        }
        List<String> line = new ArrayList<>(command.get());
        line.add(page.file().toUri().toString());
        try {
            new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return Optional.of(page);
        } catch (IOException e) {
            page.close();
            return Optional.empty();
        }
    }

    /** The browser command for this environment, if a browser can open in it. */
    public static Optional<List<String>> command(Map<String, String> env) {
        String browser = env.get("BROWSER");
        if (browser != null && !browser.isBlank()) {
            return Optional.of(List.of(browser.trim().split("\\s+")));
        }
        if (isSet(env, "SSH_CONNECTION") || isSet(env, "SSH_TTY")) {
            return Optional.empty();
        }
        boolean mac = System.getProperty("os.name", "").startsWith("Mac");
        if (mac && Files.isExecutable(Path.of("/usr/bin/open"))) {
            return Optional.of(List.of("/usr/bin/open"));
        }
        boolean graphical = isSet(env, "DISPLAY") || isSet(env, "WAYLAND_DISPLAY");
        if (!mac && graphical && Files.isExecutable(Path.of("/usr/bin/xdg-open"))) {
            return Optional.of(List.of("/usr/bin/xdg-open"));
        }
        return Optional.empty();
    }

    private static boolean isSet(Map<String, String> env, String name) {
        String value = env.get(name);
        return value != null && !value.isBlank();
    }

    /** Writes a page that replaces itself with {@code url}, as a new 0600 file in {@code dir} (0700). */
    private static Path write(Path dir, String url) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        byte[] name = new byte[12];
        RANDOM.nextBytes(name);
        Path file = dir.resolve("open-" + HexFormat.of().formatHex(name) + ".html");
        String attribute = url.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
        String script = url.replace("\\", "\\\\").replace("\"", "\\\"").replace("<", "\\x3c");
        String html = "<!doctype html><html><head><meta charset=\"utf-8\">"
                + "<meta name=\"referrer\" content=\"no-referrer\">"
                + "<meta http-equiv=\"refresh\" content=\"0;url=" + attribute + "\">"
                + "<title>authsome</title></head><body><p>Opening <a href=\"" + attribute + "\">the authsome page</a>..."
                + "</p><script>window.location.replace(\"" + script + "\");</script></body></html>";
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        file.toFile().deleteOnExit();
        Files.writeString(file, html, StandardCharsets.UTF_8);
        return file;
    }
}
