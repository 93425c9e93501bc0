package io.authsome.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A person at a terminal: {@code script} gives authsome a pseudo-terminal, the test types the
 * key at the masked prompt, and the key is neither echoed nor left in plain text anywhere.
 */
class TerminalPromptIT {
    /** Through the daemon the terminal prompt is the JDK's, which cannot be cancelled (docs/daemon.md). */
    private static final String FORM_BESIDE_PROMPT_IN_PROCESS_ONLY =
            "the browser form beside a masked prompt is offered in-process only";

    private static final String KEY = "sk-TYPEDatTHEprompt-0123456789abcdef";

    @TempDir
    Path temp;

    /** authsome on a pseudo-terminal: what it shows, and a keyboard. */
    private static final class TerminalSession {
        private final Process process;
        private final StringBuffer screen = new StringBuffer();
        private final Thread reader;
        private final OutputStream keyboard;

        TerminalSession(Authsome authsome, String arguments) throws Exception {
            this(authsome, arguments, java.util.Map.of());
        }

        TerminalSession(Authsome authsome, String arguments, java.util.Map<String, String> environment) throws Exception {
            // A pseudo-terminal starts with no size; JLine would cut the prompt to fit zero columns.
            String command = "stty cols 120 rows 40; " + Path.of(System.getProperty("authsome.dist", "target/authsome"))
                    .toAbsolutePath() + "/bin/authsome " + arguments;
            Daemons.ensure(authsome.home(), java.util.Map.of("XDG_CACHE_HOME",
                    Path.of("target/it-cache").toAbsolutePath().toString()));
            ProcessBuilder builder = new ProcessBuilder("script", "-qec", command, "/dev/null").redirectErrorStream(true);
            builder.environment().put("AUTHSOME_HOME", authsome.home().toString());
            builder.environment().put("XDG_CACHE_HOME", Path.of("target/it-cache").toAbsolutePath().toString());
            builder.environment().remove("OPENAI_API_KEY");
            builder.environment().remove("BROWSER");
            builder.environment().putAll(environment);
            process = builder.start();
            keyboard = process.getOutputStream();
            InputStream out = process.getInputStream();
            reader = new Thread(() -> {
                byte[] buffer = new byte[4096];
                try {
                    for (int n = out.read(buffer); n >= 0; n = out.read(buffer)) {
                        screen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                    }
                } catch (java.io.IOException closed) {
                    // The session ended.
                }
            });
            reader.start();
        }

        /** Waits until {@code text} is on the screen (typing before a prompt would echo it). */
        void waitFor(String text) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!shown().contains(text) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            if (!shown().contains(text)) {
                process.destroyForcibly();
                throw new AssertionError("waited for '" + text + "', the screen shows:\n" + shown());
            }
        }

        /** Waits until {@code text} is on the screen after the last {@code marker}: a prompt asked again. */
        void waitForAfter(String marker, String text) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!after(marker).contains(text) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            if (!after(marker).contains(text)) {
                process.destroyForcibly();
                throw new AssertionError("waited for '" + text + "' after '" + marker + "', the screen shows:\n"
                        + shown());
            }
        }

        private String after(String marker) {
            String shown = shown();
            int at = shown.lastIndexOf(marker);
            return at < 0 ? "" : shown.substring(at + marker.length());
        }

        void type(String line) throws Exception {
            keyboard.write((line + "\r").getBytes(StandardCharsets.UTF_8));
            keyboard.flush();
        }

        /** Waits for the end and returns the exit code. */
        int end() throws Exception {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("authsome did not end; the screen shows:\n" + shown());
            }
            reader.join(5000);
            return process.exitValue();
        }

        String shown() {
            return screen.toString();
        }
    }

    @Test
    void interactiveConsoleRunsCommandsUntilExit() throws Exception {
        Authsome authsome = new Authsome(temp.resolve("home"));
        TerminalSession session = new TerminalSession(authsome, "");
        session.waitFor("authsome [default]> ");
        session.type("version");
        session.waitFor("authsome 0.1.0");
        session.type("inspect nope");
        session.waitFor("unknown provider 'nope'");
        session.type("exit");
        session.end();
        assertTrue(Files.readString(authsome.home().resolve("history")).contains("inspect nope"));
    }

    /** Beside a daemon, the console is only the line editor: each line runs in the daemon. */
    @Test
    void theConsoleHandsEachLineToTheDaemon() throws Exception {
        assumeTrue(Daemons.THROUGH_DAEMON, "needs the daemon of the through-daemon run");
        Authsome authsome = new Authsome(temp.resolve("home"));
        TerminalSession session = new TerminalSession(authsome, "");
        String daemon = Files.readString(authsome.home().resolve("run/daemon.pid")).strip();
        session.waitFor("Commands run in the authsome daemon (pid " + daemon + ")");
        session.waitFor("authsome [default]> ");
        session.type("login openai --no-browser");
        session.waitFor("OpenAI API key: ");
        session.type(KEY);
        session.waitFor("Logged in to OpenAI");
        session.type("get openai --field state");
        session.waitFor("connected");
        session.type("exit");
        assertEquals(0, session.end(), session.shown());
        assertFalse(session.shown().contains(KEY), "the key was echoed: " + session.shown());
        String login = Files.readAllLines(authsome.home().resolve("audit.log")).stream()
                .filter(line -> line.contains("\"event\":\"login\"")).findFirst().orElseThrow();
        assertTrue(login.contains("\"pid\":" + daemon + ","), "the login ran in the daemon: " + login);
    }

    /**
     * A plugin provider's login asks each field: a value that is not secret is shown as it is typed
     * (in-process at JLine's prompt, through the daemon at the JDK's line prompt of the thin client);
     * a secret never is.
     */
    @Test
    void aPluginLoginShowsTheIdAsItIsTypedAndNeverTheSecret() throws Exception {
        Authsome authsome = new Authsome(temp.resolve("home"));
        PluginProvidersIT.dropTestSigner(authsome);
        TerminalSession session = new TerminalSession(authsome, "login sig --no-browser");
        session.waitFor("Sig Key id: ");
        session.type("KEYID-typed-42");
        session.waitFor("Sig Secret: ");
        session.type(KEY);
        session.waitFor("Sig Session token (optional, empty for none): ");
        session.type("");
        session.waitFor("Sig Region: ");
        session.type("eu-north-1");
        session.waitFor("Sig Key file (path to the file) (optional, empty for none): ");
        session.type("");
        int exit = session.end();
        String shown = session.shown();
        assertEquals(0, exit, shown);
        assertTrue(shown.contains("Logged in to Sig"), shown);
        assertFalse(shown.contains(KEY), "the secret was echoed: " + shown);
        assertTrue(shown.contains("KEYID-typed-42") && shown.contains("eu-north-1"), shown);
        assertEquals("eu-north-1", authsome.run("get", "sig", "--field", "region").out().strip());
        assertEquals(KEY, authsome.run("get", "sig", "--field", "secret", "--show-secret").out().strip());
    }

    @Test
    void keyTypedAtTheMaskedPromptIsStoredAndNeverShown() throws Exception {
        Authsome authsome = new Authsome(temp.resolve("home"));
        TerminalSession session = new TerminalSession(authsome, "login openai --no-browser");
        session.waitFor("OpenAI API key: ");
        session.type(KEY);
        int exit = session.end();
        String shown = session.shown();
        assertEquals(0, exit, shown);
        assertFalse(shown.contains(KEY), "the key was echoed: " + shown);
        assertTrue(shown.contains("Logged in to OpenAI"), shown);
        assertEquals(KEY, authsome.run("get", "openai", "--field", "api_key", "--show-secret").out().strip());
        try (Stream<Path> files = Files.walk(authsome.home())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertFalse(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(KEY),
                        "the key is in " + file);
            }
        }
    }

    @Test
    void keyPastedIntoTheBrowserFormIsStoredAndAForgedPostIsRefused() throws Exception {
        assumeFalse(Daemons.THROUGH_DAEMON, FORM_BESIDE_PROMPT_IN_PROCESS_ONLY);
        Authsome authsome = new Authsome(temp.resolve("home"));
        TerminalSession session = new TerminalSession(authsome, "login openai; stty -a",
                java.util.Map.of("BROWSER", "true"));
        session.waitFor("A form for it is open in your browser");
        session.waitFor("OpenAI API key: ");
        java.util.regex.Matcher url = java.util.regex.Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/[A-Za-z0-9_-]+)")
                .matcher(session.shown());
        assertTrue(url.find(), session.shown());
        java.net.http.HttpClient browser = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1).cookieHandler(new java.net.CookieManager()).build();
        java.net.URI form = java.net.URI.create(url.group(1));
        String page = browser.send(java.net.http.HttpRequest.newBuilder(form).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        java.util.regex.Matcher csrf = java.util.regex.Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page);
        assertTrue(csrf.find(), page);
        int forged = browser.send(java.net.http.HttpRequest.newBuilder(form)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("secret=stolen&csrf=guess")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode();
        assertEquals(403, forged);
        int accepted = browser.send(java.net.http.HttpRequest.newBuilder(form)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("secret=" + KEY + "&csrf=" + csrf.group(1))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode();
        assertEquals(200, accepted);
        assertEquals(0, session.end(), session.shown());
        assertFalse(session.shown().contains(KEY), session.shown());
        assertTrue(session.shown().contains("received from the browser form"), session.shown());
        assertEchoRestored(session.shown());
        assertEquals(KEY, authsome.run("get", "openai", "--field", "api_key", "--show-secret").out().strip());
    }

    @Test
    void aFormOpenedTwiceIsDiscardedAndThePromptStillTakesTheKey() throws Exception {
        assumeFalse(Daemons.THROUGH_DAEMON, FORM_BESIDE_PROMPT_IN_PROCESS_ONLY);
        Authsome authsome = new Authsome(temp.resolve("home"));
        TerminalSession session = new TerminalSession(authsome, "login openai", java.util.Map.of("BROWSER", "true"));
        session.waitFor("http://127.0.0.1:");
        java.util.regex.Matcher url = java.util.regex.Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/[A-Za-z0-9_-]+)")
                .matcher(session.shown());
        assertTrue(url.find(), session.shown());
        java.net.http.HttpClient someoneElse = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        java.net.http.HttpRequest load = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url.group(1))).build();
        assertEquals(200, someoneElse.send(load, java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(409, someoneElse.send(load, java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode());
        session.waitFor("Type the value here instead.");
        session.waitForAfter("Type the value here instead.", "OpenAI API key: "); // the prompt asked again, echo off
        session.type(KEY);
        assertEquals(0, session.end(), session.shown());
        assertTrue(session.shown().contains("opened twice"), session.shown());
        assertFalse(session.shown().contains(KEY), session.shown());
        assertEquals(KEY, authsome.run("get", "openai", "--field", "api_key", "--show-secret").out().strip());
    }

    @Test
    void theMaskedPromptStaysOpenBesideTheFormAndATypedKeyWins() throws Exception {
        assumeFalse(Daemons.THROUGH_DAEMON, FORM_BESIDE_PROMPT_IN_PROCESS_ONLY);
        Authsome authsome = new Authsome(temp.resolve("home"));
        FakeBrowser browser = FakeBrowser.create(temp, "idle-browser", ":\n");
        TerminalSession session = new TerminalSession(authsome, "login openai; stty -a",
                java.util.Map.of("BROWSER", browser.command()));
        session.waitFor("A form for it is open in your browser");
        session.waitFor("OpenAI API key: ");
        browser.awaitCall();
        session.type(KEY);
        assertEquals(0, session.end(), session.shown());
        assertFalse(session.shown().contains(KEY), "the key was echoed: " + session.shown());
        assertTrue(session.shown().contains("Logged in to OpenAI"), session.shown());
        assertEchoRestored(session.shown());
        assertEquals(KEY, authsome.run("get", "openai", "--field", "api_key", "--show-secret").out().strip());
        assertGivenAPrivatePage(authsome, browser);
    }

    @Test
    void inTheConsoleTheKeyTypedBesideTheFormIsTakenAndNotShown() throws Exception {
        assumeFalse(Daemons.THROUGH_DAEMON, FORM_BESIDE_PROMPT_IN_PROCESS_ONLY);
        Authsome authsome = new Authsome(temp.resolve("home"));
        FakeBrowser browser = FakeBrowser.create(temp, "idle-browser", ":\n");
        TerminalSession session = new TerminalSession(authsome, "", java.util.Map.of("BROWSER", browser.command()));
        session.waitFor("authsome [default]> ");
        session.type("login openai");
        session.waitFor("OpenAI API key: ");
        browser.awaitCall();
        session.type(KEY);
        session.waitFor("Logged in to OpenAI");
        session.type("version");
        session.waitFor("authsome 0.1.0");
        session.type("exit");
        assertEquals(0, session.end(), session.shown());
        assertFalse(session.shown().contains(KEY), "the key was echoed: " + session.shown());
        assertEquals(KEY, authsome.run("get", "openai", "--field", "api_key", "--show-secret").out().strip());
    }

    @Test
    void aBrowserThatAnswersTheFormFirstWinsAndThePromptEndsCleanly() throws Exception {
        assumeFalse(Daemons.THROUGH_DAEMON, FORM_BESIDE_PROMPT_IN_PROCESS_ONLY);
        Authsome authsome = new Authsome(temp.resolve("home"));
        FakeBrowser browser = FakeBrowser.create(temp, "form-browser", """
                page=$(curl -s --noproxy '*' --max-time 10 -b '' -c "$jar" "$url")
                csrf=$(printf '%s' "$page" | sed -n 's/.*name="csrf" value="\\([^"]*\\)".*/\\1/p')
                curl -s -o /dev/null --noproxy '*' --max-time 10 -b "$jar" --data-urlencode 'secret=KEY' \
                  --data "csrf=$csrf" "$url"
                """.replace("KEY", KEY));
        TerminalSession session = new TerminalSession(authsome, "login openai; stty -a",
                java.util.Map.of("BROWSER", browser.command()));
        assertEquals(0, session.end(), session.shown());
        assertTrue(session.shown().contains("received from the browser form"), session.shown());
        assertFalse(session.shown().contains(KEY), session.shown());
        assertEchoRestored(session.shown());
        assertEquals(KEY, authsome.run("get", "openai", "--field", "api_key", "--show-secret").out().strip());
        assertGivenAPrivatePage(authsome, browser);
    }

    @Test
    void overSshWithoutBrowserTheKeyIsAskedAtThePromptAlone() throws Exception {
        Authsome authsome = new Authsome(temp.resolve("home"));
        TerminalSession session = new TerminalSession(authsome, "login openai",
                java.util.Map.of("SSH_CONNECTION", "192.0.2.1 50000 192.0.2.2 22", "DISPLAY", ":0"));
        session.waitFor("OpenAI API key: ");
        session.type(KEY);
        assertEquals(0, session.end(), session.shown());
        assertFalse(session.shown().contains("form"), session.shown());
        assertFalse(session.shown().contains(KEY), session.shown());
        assertEquals(KEY, authsome.run("get", "openai", "--field", "api_key", "--show-secret").out().strip());
    }

    /** The {@code stty -a} run after authsome shows echo and line editing on again. */
    private static void assertEchoRestored(String shown) {
        assertTrue(java.util.regex.Pattern.compile("(^|\\s)echo(\\s|$)", java.util.regex.Pattern.MULTILINE)
                .matcher(shown).find(), "echo is still off: " + shown);
        assertTrue(java.util.regex.Pattern.compile("(^|\\s)icanon(\\s|$)", java.util.regex.Pattern.MULTILINE)
                .matcher(shown).find(), "the terminal is still raw: " + shown);
    }

    /** The browser got a file of the user's alone, not the form's address, and the file is gone. */
    private static void assertGivenAPrivatePage(Authsome authsome, FakeBrowser browser) throws Exception {
        java.util.List<String> calls = browser.calls();
        assertEquals(1, calls.size(), calls.toString());
        String[] call = calls.get(0).split(" ");
        assertTrue(call[0].startsWith(authsome.home().resolve("browser").toUri().toString()), calls.toString());
        assertFalse(call[0].contains("127.0.0.1"), calls.toString());
        assertEquals("600", call[1], "the page's mode");
        assertEquals("700", call[2], "the page directory's mode");
        assertFalse(Files.exists(Path.of(java.net.URI.create(call[0]))), "the page was left behind");
    }
}
