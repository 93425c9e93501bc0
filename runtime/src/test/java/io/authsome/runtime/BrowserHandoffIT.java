package io.authsome.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the browser is given at an OAuth login: a page in the home that only the user can read,
 * never the authorization URL and its {@code state} (a command line is readable by every local
 * user); and the callback is bound to the browser that loaded that page first.
 */
class BrowserHandoffIT {
    @TempDir
    Path temp;
    Authsome authsome;
    FakeAuthorizationServer server;
    int port;

    @BeforeEach
    void setUp() throws Exception {
        server = new FakeAuthorizationServer();
        authsome = new Authsome(temp.resolve("home"));
        Files.createDirectories(authsome.home());
        port = FreePorts.loopback();
        Files.writeString(authsome.home().resolve("config.json"), "{\"callback\": {\"port\": " + port + "}}");
        Path provider = Files.writeString(temp.resolve("fake.json"), "{\"name\": \"fake\", \"auth_type\": \"oauth2\","
                + " \"api_url\": \"127.0.0.1:1\", \"oauth\": {\"authorization_url\": \"" + server.url("/authorize")
                + "\", \"token_url\": \"" + server.url("/token") + "\", \"scopes\": [\"read\"]}}");
        assertEquals(0, authsome.run("register", provider.toString()).exitCode());
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    void theBrowserIsGivenAPrivatePageThatLeadsToTheLoginNeverTheAuthorizationUrl() throws Exception {
        FakeBrowser browser = FakeBrowser.create(temp, "browser", FakeBrowser.FOLLOW);
        Authsome.Run login = authsome.with("BROWSER", browser.command()).runWithInput("\n", "login", "fake",
                "--client-id", "cli", "--timeout", "30");
        assertEquals(0, login.exitCode(), login.toString());
        assertTrue(login.err().contains(server.url("/authorize") + "?"), "the URL is still shown: " + login.err());
        List<String> calls = browser.calls();
        assertEquals(1, calls.size(), calls.toString());
        String[] call = calls.get(0).split(" ");
        assertTrue(call[0].startsWith(authsome.home().resolve("browser").toUri().toString()), call[0]);
        assertFalse(call[0].contains("state") || call[0].contains("authorize") || call[0].contains("127.0.0.1"),
                call[0]);
        assertEquals("600", call[1], "the page's mode");
        assertEquals("700", call[2], "the page directory's mode");
        assertFalse(Files.exists(Path.of(URI.create(call[0]))), "the page was left behind");
    }

    @Test
    void onceTheBrowserLoadedThePageACallbackFromAnywhereElseIsIgnored() throws Exception {
        Path status = temp.resolve("intruder.status");
        FakeBrowser browser = FakeBrowser.create(temp, "browser", """
                authorize=$(curl -s -o /dev/null -w '%{redirect_url}' --noproxy '*' --max-time 10 -b '' -c "$jar" "$url")
                callback=$(curl -s -o /dev/null -w '%{redirect_url}' --noproxy '*' --max-time 10 "$authorize")
                state=$(printf '%s' "$callback" | sed -n 's/.*[?&]state=\\([^&]*\\).*/\\1/p')
                curl -s -o /dev/null -w '%{http_code}' --noproxy '*' --max-time 10 \\
                  "http://127.0.0.1:PORT/auth/callback/oauth?code=intruder&state=$state" > 'STATUS'
                curl -s -o /dev/null --noproxy '*' --max-time 10 -b "$jar" "$callback"
                """.replace("PORT", Integer.toString(port)).replace("STATUS", status.toString()));
        Authsome.Run login = authsome.with("BROWSER", browser.command()).runWithInput("\n", "login", "fake",
                "--client-id", "cli", "--timeout", "30");
        assertEquals(0, login.exitCode(), login.toString());
        assertEquals("403", Files.readString(status).strip(), "the callback without the browser's cookie");
        assertEquals("connected", authsome.run("get", "fake", "--json").json().get("state").asText());
    }
}
