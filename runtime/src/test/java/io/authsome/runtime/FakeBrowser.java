package io.authsome.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * A {@code $BROWSER} for the tests: a shell script that records what authsome gave it (its
 * argument, the mode of that file and of its directory), reads the page the way a browser
 * would to find where it leads ({@code $url}), and then does what its body says with curl.
 */
final class FakeBrowser {
    /** Follows every redirect, keeping cookies, as a person who approves at once would. */
    static final String FOLLOW = "exec curl -s -o /dev/null --noproxy '*' --max-time 10 -b '' -L \"$url\"\n";

    /**
     * Loads the start address, then answers the callback {@code CALLBACK} (to be replaced) with
     * {@code access_denied} and the login's own state and cookie, as a person who says no.
     */
    static final String DENY = """
            authorize=$(curl -s -o /dev/null -w '%{redirect_url}' --noproxy '*' --max-time 10 -b '' -c "$jar" "$url")
            state=$(printf '%s' "$authorize" | sed -n 's/.*[?&]state=\\([^&]*\\).*/\\1/p')
            curl -s -o /dev/null --noproxy '*' --max-time 10 -b "$jar" \\
              "CALLBACK?error=access_denied&error_description=the+user+said+no&state=$state"
            """;

    private final Path script;
    private final Path calls;

    private FakeBrowser(Path script, Path calls) {
        this.script = script;
        this.calls = calls;
    }

    /**
     * @param body shell commands run after the page was read; {@code $url} is where it leads,
     *             {@code $jar} a cookie file of this browser's own
     */
    static FakeBrowser create(Path dir, String name, String body) throws IOException {
        Path calls = dir.resolve(name + ".calls");
        Path script = dir.resolve(name + ".sh");
        Files.writeString(script, """
                #!/bin/sh
                page="${1#file://}"
                printf '%s %s %s\\n' "$1" "$(stat -c %a "$page")" "$(stat -c %a "$(dirname "$page")")" >> 'CALLS'
                url=$(sed -n 's/.*http-equiv="refresh" content="0;url=\\([^"]*\\)".*/\\1/p' "$page" \\
                  | sed 's/&quot;/"/g; s/&lt;/</g; s/&amp;/\\&/g')
                jar='JAR'
                """.replace("CALLS", calls.toString()).replace("JAR", dir.resolve(name + ".cookies").toString()) + body);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return new FakeBrowser(script, calls);
    }

    /** The value for {@code $BROWSER}. */
    String command() {
        return script.toString();
    }

    /** Waits until the browser was started and has read its page. */
    void awaitCall() throws Exception {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (calls().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        if (calls().isEmpty()) {
            throw new AssertionError("the browser " + script + " was never started");
        }
    }

    /** One line per start: {@code <argument> <file mode> <directory mode>}. */
    List<String> calls() throws IOException {
        return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
    }
}
