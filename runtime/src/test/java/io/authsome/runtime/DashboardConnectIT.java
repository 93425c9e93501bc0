package io.authsome.runtime;

import static io.authsome.runtime.DashboardSession.assertEveryControlIsNamed;
import static io.authsome.runtime.DashboardSession.assertKeyboardReachesEveryControl;
import static io.authsome.runtime.DashboardSession.awaitHeading;
import static io.authsome.runtime.DashboardSession.awaitText;
import static io.authsome.runtime.DashboardSession.screenshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Connecting from the dashboard in a real headless Chromium: an API key through the page's
 * one-time form (the key never comes back in a page, the audit or the daemon's log), and an
 * OAuth login against a real authorization server on loopback (NAV's mock-oauth2-server), where
 * the loopback callback sends the browser back to the dashboard; then the same connection logged
 * in again with more scopes. Screenshots go to {@code target/ui/}.
 */
class DashboardConnectIT {
    private static final String KEY = "sk-connect-7f3a9c1e5b-typed-into-the-form";
    private static final String ISSUER = "default";

    private static MockOAuth2Server server;

    @TempDir
    Path temp;
    DashboardSession dashboard;
    Authsome authsome;

    @BeforeAll
    static void startServer() throws Exception {
        org.slf4j.Logger root = org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (root instanceof ch.qos.logback.classic.Logger logback) {
            logback.setLevel(ch.qos.logback.classic.Level.WARN);
        }
        server = new MockOAuth2Server();
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.shutdown();
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        assumeFalse(Daemons.THROUGH_DAEMON, "starts its own daemon, with a dashboard port of its own");
        DashboardSession.assumeBrowser();
        // The login callback on a port of this test's own, so that parallel logins elsewhere do not collide.
        dashboard = new DashboardSession(temp, null, "\"callback\": {\"port\": " + FreePorts.loopback() + "}");
        authsome = dashboard.authsome;
        Path mock = Files.writeString(temp.resolve("mock.json"), """
                {"name": "mock", "display_name": "Mock OAuth", "auth_type": "oauth2", "flow": "pkce",
                 "api_url": "127.0.0.1:1",
                 "oauth": {"authorization_url": "%s", "token_url": "%s", "scopes": ["openid", "profile"]}}
                """.formatted(server.authorizationEndpointUrl(ISSUER), server.tokenEndpointUrl(ISSUER)));
        Authsome.Run register = authsome.run("register", mock.toString());
        assertEquals(0, register.exitCode(), register.toString());
        dashboard.startDaemon();
    }

    @AfterEach
    void tearDown() {
        if (dashboard != null) {
            dashboard.stopDaemon();
        }
    }

    @Test
    void anApiKeyIsConnectedThroughTheFormAndNeverShownOrWrittenInPlainText() throws Exception {
        ChromeDriver browser = dashboard.signedInBrowser();
        try {
            WebElement connect = browser.findElement(By.cssSelector("a[aria-label='Connect OpenAI']"));
            connect.click();
            awaitHeading(browser, "OpenAI");
            assertEquals("default", browser.findElement(By.id("connect-connection")).getAttribute("value"));
            assertEveryControlIsNamed(browser);
            assertKeyboardReachesEveryControl(browser);
            screenshot(browser, "connect");

            browser.findElement(By.cssSelector("button[aria-label='Connect OpenAI']")).click();
            WebElement key = awaitQuestion(browser, "OpenAI API key");
            assertEquals("password", key.getAttribute("type"));
            assertEquals("off", key.getAttribute("autocomplete"));
            assertEveryControlIsNamed(browser);
            key.sendKeys(KEY);
            screenshot(browser, "connect-key");
            browser.findElement(By.cssSelector("form.question button[type=submit]")).click();

            awaitText(browser, "Logged in to OpenAI as connection 'default' in profile default.");
            assertTrue(browser.getCurrentUrl().endsWith("/providers/openai"), browser.getCurrentUrl());
            assertFalse(browser.getPageSource().contains(KEY), "the key is in the page");
            browser.navigate().back();
            assertFalse(browser.getPageSource().contains(KEY), "the key is in the page before");
        } finally {
            browser.quit();
        }
        Authsome.Run get = authsome.run("get", "openai", "--json");
        assertEquals(0, get.exitCode(), get.toString());
        assertEquals("connected", get.json().get("state").asText(), get.out());
        assertEquals("api_key", get.json().get("flow").asText(), get.out());
        assertEquals(KEY, authsome.run("get", "openai", "--field", "api_key", "--show-secret").out().strip());

        String audit = Files.readString(authsome.home().resolve("audit.log"));
        assertTrue(audit.lines().anyMatch(line -> line.contains("\"event\":\"login\"")
                && line.contains("\"outcome\":\"success\"") && line.contains("\"via\":\"ui\"")
                && line.contains("\"flow\":\"api_key\"")), "login via ui in " + audit);
        for (Path file : List.of(authsome.home().resolve("audit.log"), authsome.home().resolve("logs/daemon.log"))) {
            assertFalse(Files.readString(file).contains(KEY), "the key is in " + file);
        }
    }

    @Test
    void anOAuthLoginGoesToTheAuthorizationServerAndBackThenAgainWithMoreScopes() throws Exception {
        ChromeDriver browser = dashboard.signedInBrowser();
        try {
            browser.get(dashboard.base() + "/providers/mock");
            awaitHeading(browser, "Mock OAuth");
            assertEquals("openid profile", browser.findElement(By.id("connect-scopes")).getAttribute("value"));
            browser.findElement(By.cssSelector("button[aria-label='Connect Mock OAuth']")).click();

            // No client is stored: the login asks for one, after saying which to create.
            WebElement clientId = awaitQuestion(browser, "OAuth client id for mock");
            assertTrue(browser.findElement(By.tagName("main")).getText().contains("/auth/callback/oauth"),
                    "the redirect URI to register is shown");
            clientId.sendKeys("dashboard-client");
            browser.findElement(By.cssSelector("form.question button[type=submit]")).click();
            awaitQuestion(browser, "OAuth client secret");
            browser.findElement(By.cssSelector("form.question button[type=submit]")).click();

            // The browser goes to the authorization server, which approves at once, then through the
            // loopback callback back to the dashboard.
            awaitText(browser, "Logged in to Mock OAuth as connection 'default' in profile default.");
            assertTrue(browser.getCurrentUrl().startsWith(dashboard.base() + "/providers/mock"),
                    browser.getCurrentUrl());
            JsonNode first = authsome.run("get", "mock", "--json").json();
            assertEquals("connected", first.get("state").asText(), first.toString());
            assertEquals("pkce", first.get("flow").asText(), first.toString());
            assertFalse(List.of(first.get("scopes").asText().split(" ")).contains("email"), first.toString());
            String firstToken = showSecret("mock");
            assertFalse(browser.getPageSource().contains(firstToken), "the token is in the page");

            WebElement scopes = browser.findElement(By.id("scopes-default"));
            assertEveryControlIsNamed(browser);
            screenshot(browser, "login-again");
            scopes.clear();
            scopes.sendKeys("openid profile email");
            browser.findElement(By.cssSelector("button[aria-label='Log in again to default with these scopes']"))
                    .click();
            awaitText(browser, "Logged in to Mock OAuth as connection 'default' in profile default.");
            JsonNode again = authsome.run("get", "mock", "--json").json();
            assertTrue(List.of(again.get("scopes").asText().split(" ")).contains("email"), again.toString());

            browser.findElement(By.cssSelector("button[aria-label='Revoke default at the provider']")).click();
            awaitText(browser, "'default'");
            assertTrue(browser.findElement(By.tagName("main")).getText().contains("None yet"), "no connection left");
            assertEquals(3, authsome.run("get", "mock").exitCode(), "revoked and removed");
        } finally {
            browser.quit();
        }
        String audit = Files.readString(authsome.home().resolve("audit.log"));
        assertTrue(audit.lines().anyMatch(line -> line.contains("\"event\":\"login\"") && line.contains("\"via\":\"ui\"")
                && line.contains("\"flow\":\"pkce\"") && !line.contains("scope_upgrade")), "first login in " + audit);
        assertTrue(audit.lines().anyMatch(line -> line.contains("\"event\":\"login\"") && line.contains("\"via\":\"ui\"")
                && line.contains("\"scope_upgrade\":\"email\"")), "the upgrade in " + audit);
        assertTrue(audit.lines().anyMatch(line -> line.contains("\"event\":\"revoke\"") && line.contains("\"via\":\"ui\"")
                && line.contains("\"reason\":\"scope_upgrade\"")), "the replaced tokens' revocation in " + audit);
        assertTrue(audit.lines().anyMatch(line -> line.contains("\"event\":\"revoke\"") && line.contains("\"via\":\"ui\"")
                && !line.contains("scope_upgrade")), "the revoke button's revocation in " + audit);
    }

    private String showSecret(String provider) {
        Authsome.Run run = authsome.run("get", provider, "--field", "access_token", "--show-secret");
        assertEquals(0, run.exitCode(), run.toString());
        return run.out().strip();
    }

    /** Waits for the login's question labelled {@code label}; returns its field. */
    private static WebElement awaitQuestion(ChromeDriver browser, String label) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        String shown = "";
        while (System.nanoTime() < deadline) {
            try {
                List<WebElement> labels = browser.findElements(By.cssSelector("label[for=secret]"));
                shown = labels.isEmpty() ? browser.findElement(By.tagName("main")).getText() : labels.get(0).getText();
                if (!labels.isEmpty() && shown.contains(label)) {
                    return browser.findElement(By.id("secret"));
                }
            } catch (WebDriverException replaced) {
                // the page changed under the lookup
            }
            Thread.sleep(50);
        }
        throw new AssertionError("waited for the question '" + label + "', the page shows:\n" + shown + "\nat "
                + browser.getCurrentUrl());
    }
}
