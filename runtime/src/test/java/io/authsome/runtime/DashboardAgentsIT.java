package io.authsome.runtime;

import static io.authsome.runtime.DashboardSession.assertEveryControlIsNamed;
import static io.authsome.runtime.DashboardSession.awaitHeading;
import static io.authsome.runtime.DashboardSession.awaitText;
import static io.authsome.runtime.DashboardSession.screenshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A person adds an agent from the dashboard's agents page in a real headless Chromium, copies its
 * proxy URL (shown once: a reload no longer has it), sees it listed with its providers and its
 * last use once the shared proxy admitted it, and revokes it; the CLI sees the same agents, the
 * audit log has both changes with {@code via: ui}, and neither it nor the daemon's log has the
 * credential.
 */
class DashboardAgentsIT {
    private static final String KEY = "sk-dashboard-agents-7d3e1c9b5a";

    @TempDir
    Path temp;
    DashboardSession dashboard;
    Authsome authsome;
    int proxyPort;

    @BeforeEach
    void setUp() throws Exception {
        assumeFalse(Daemons.THROUGH_DAEMON, "starts its own daemon, with a dashboard port of its own");
        proxyPort = FreePorts.loopback();
        dashboard = new DashboardSession(temp, "\"proxy_port\": " + proxyPort);
        authsome = dashboard.authsome;
        assertEquals(0, authsome.with("OPENAI_API_KEY", KEY).run("login", "openai").exitCode());
        dashboard.startDaemon();
    }

    @AfterEach
    void tearDown() {
        if (dashboard != null) {
            dashboard.stopDaemon();
        }
    }

    /** The status line of a CONNECT through the shared proxy as agent {@code name} with {@code credential}. */
    private String connectAs(String name, String credential) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxyPort)) {
            socket.setSoTimeout(20_000);
            String basic = Base64.getEncoder().encodeToString((name + ":" + credential).getBytes(StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            out.write(("CONNECT api.openai.com:443 HTTP/1.1\r\nHost: api.openai.com:443\r\nProxy-Authorization: Basic "
                    + basic + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
                line.append((char) c);
            }
            return line.toString().strip();
        }
    }

    private JsonNode agents() {
        Authsome.Run list = authsome.run("agent", "list", "--json");
        assertEquals(0, list.exitCode(), list.toString());
        return list.json().get("agents");
    }

    private static void fill(ChromeDriver browser, String id, String text) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    @Test
    void aPersonAddsAnAgentSeesItsCredentialOnceAndRevokesIt() throws Exception {
        DashboardSession.assumeBrowser();
        ChromeDriver browser = dashboard.chromium();
        String credential;
        try {
            browser.get(dashboard.signInLink());
            browser.findElement(By.linkText("Agents")).click();
            awaitHeading(browser, "Agents");
            awaitText(browser, "No agents yet.");

            fill(browser, "agent-name", "ci");
            fill(browser, "agent-allow", "githb");
            browser.findElement(By.cssSelector("form.add-agent button")).click();
            awaitText(browser, "Not added: unknown provider 'githb' in --allow (did you mean github");
            assertEquals("githb", browser.findElement(By.id("agent-allow")).getAttribute("value"), "the form as sent");
            assertEquals(0, agents().size(), "nothing added");

            fill(browser, "agent-allow", "github,openai=work");
            browser.findElement(By.cssSelector("form.add-agent button")).click();
            awaitText(browser, "Added agent ci");
            String shown = browser.findElement(By.tagName("main")).getText();
            Matcher url = Pattern.compile("HTTPS_PROXY=http://ci:([A-Za-z0-9_-]{43})@127\\.0\\.0\\.1:" + proxyPort)
                    .matcher(shown);
            assertTrue(url.find(), shown);
            credential = url.group(1);
            assertTrue(shown.contains("SSL_CERT_FILE=" + authsome.home().resolve("ca/agents/ca-bundle.pem")), shown);
            assertTrue(shown.contains("NODE_EXTRA_CA_CERTS=" + authsome.home().resolve("ca/ca.pem")), shown);
            assertTrue(shown.contains("openai has no connection 'work' in profile default yet"), shown);

            browser.navigate().refresh();
            awaitHeading(browser, "Agents");
            assertFalse(browser.getPageSource().contains(credential), "the credential is shown once");
            assertFalse(browser.findElement(By.tagName("main")).getText().contains("HTTPS_PROXY="));
            WebElement row = browser.findElement(By.xpath("//tr[th[normalize-space()='ci']]"));
            assertTrue(row.getText().contains("never"), row.getText());
            assertTrue(row.findElement(By.linkText("openai=work")).getAttribute("href").endsWith("/providers/openai"),
                    "a grant links to its provider's page");
            assertTrue(row.findElement(By.linkText("github")).getAttribute("href").endsWith("/providers/github"));
            assertEveryControlIsNamed(browser);
            screenshot(browser, "agents");

            JsonNode listed = agents();
            assertEquals(1, listed.size(), listed.toString());
            assertEquals("ci", listed.get(0).get("name").asText());
            assertEquals("[\"github\",\"openai=work\"]", listed.get(0).get("allow").toString());

            assertFalse(connectAs("ci", credential).contains("407"), "the shared proxy admits the new agent");
            awaitLastUse(browser);

            browser.findElement(By.cssSelector("button[aria-label='Revoke agent ci']")).click();
            awaitText(browser, "Revoked agent ci: the shared proxy refuses its credential from its next request on.");
            awaitText(browser, "No agents yet.");
            assertEquals(0, agents().size());
            assertTrue(connectAs("ci", credential).contains("407"), "a revoked agent is refused");
        } finally {
            browser.quit();
        }
        String audit = Files.readString(authsome.home().resolve("audit.log"));
        for (String event : List.of("agent_add", "agent_revoke")) {
            assertTrue(audit.lines().anyMatch(line -> line.contains("\"event\":\"" + event + "\"")
                    && line.contains("\"via\":\"ui\"") && line.contains("\"agent\":\"ci\"")), event + " via ui in " + audit);
        }
        assertFalse(audit.contains(credential), "the credential is never audited");
        assertFalse(Files.readString(authsome.home().resolve("logs/daemon.log")).contains(credential),
                "the credential is never logged");
    }

    /** Reloads the page until the agent's row shows when the shared proxy last admitted it. */
    private static void awaitLastUse(ChromeDriver browser) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        String row = "";
        while (System.nanoTime() < deadline) {
            browser.navigate().refresh();
            row = browser.findElement(By.xpath("//tr[th[normalize-space()='ci']]")).getText();
            if (!row.contains("never")) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the last use is not shown: " + row);
    }
}
