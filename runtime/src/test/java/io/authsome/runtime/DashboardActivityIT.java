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

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The activity page in a real browser: requests made through {@code authsome run} to a real
 * HTTPS API appear on the open page as they happen (server-sent events), the chart gets a series
 * for the provider, and the filter narrows the events to a provider's failures.
 */
class DashboardActivityIT {
    private static final String API = "api.authsome.test";
    private static final String KEY = "sk-activity-8e2f41c07b-injected-only";

    @TempDir
    Path temp;
    ApiServer api;
    DashboardSession dashboard;
    Authsome authsome;

    @BeforeEach
    void setUp() throws Exception {
        assumeFalse(Daemons.THROUGH_DAEMON, "starts its own daemon, with a dashboard port of its own");
        TestCa ca = TestCa.create(List.of(API));
        api = ApiServer.start(ca.serverContext());
        Path caFile = ca.writeCertificate(temp.resolve("upstream-ca.pem"));
        dashboard = new DashboardSession(temp, null, "\"proxy\": {\"upstream_ca_file\": \"" + caFile
                + "\", \"resolve\": {\"" + API + "\": \"127.0.0.1\"}}");
        authsome = dashboard.authsome.with("SSL_CERT_FILE", caFile.toString());
        RunProxyIT.register(authsome, "echoapi", API);
        Authsome.Run login = authsome.with("ECHOAPI_KEY", KEY).run("login", "echoapi");
        authsome.without("ECHOAPI_KEY");
        assertEquals(0, login.exitCode(), login.toString());
        dashboard.startDaemon();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (dashboard != null) {
            dashboard.stopDaemon();
        }
        if (api != null) {
            api.close();
        }
    }

    private Authsome.Run curlThroughRun(String path) {
        return authsome.run("run", "--", "curl", "-sS", "-o", "/dev/null", "https://" + API + ":" + api.port() + path);
    }

    @Test
    void requestsThroughRunAppearLiveOnTheOpenPageAndTheFilterNarrowsThem() throws Exception {
        DashboardSession.assumeBrowser();
        ChromeDriver browser = dashboard.signedInBrowser();
        try {
            browser.get(dashboard.base() + "/activity");
            awaitHeading(browser, "Activity");
            await(() -> browser.findElement(By.id("activity-live")).getText(), "Live:");

            Authsome.Run ok = curlThroughRun("/hello");
            assertEquals(0, ok.exitCode(), ok.toString());
            awaitText(browser, "GET " + API + "/hello → 200");
            await(() -> browser.findElement(By.cssSelector(".u-legend")).getText(), "echoapi");
            Authsome.Run refused = curlThroughRun("/scoped");
            assertEquals(0, refused.exitCode(), refused.toString());
            awaitText(browser, "GET " + API + "/scoped → 403");
            assertFalse(browser.getPageSource().contains(KEY), "no credential on the page");
            Thread.sleep(1_500); // the chart is redrawn once a second: let the picture show the 403
            screenshot(browser, "activity");

            browser.get(dashboard.base() + "/activity?provider=echoapi&outcome=failure");
            awaitHeading(browser, "Activity");
            List<WebElement> rows = browser.findElements(By.cssSelector("#activity-events tbody tr"));
            assertFalse(rows.isEmpty(), "the 403 is listed");
            for (WebElement row : rows) {
                assertTrue(row.getText().contains("failure") && row.getText().contains("echoapi"), row.getText());
            }
            assertTrue(rows.stream().anyMatch(row -> row.getText().contains("/scoped")));
            assertTrue(rows.stream().noneMatch(row -> row.getText().contains("/hello")));
            String summary = browser.findElement(By.cssSelector("table.summary-table")).getText();
            assertTrue(summary.contains("echoapi"), summary);
            assertEveryControlIsNamed(browser);
            assertKeyboardReachesEveryControl(browser);
        } finally {
            browser.quit();
        }
    }

    /** Waits until {@code shown} gives a text with {@code text} in it. */
    private static void await(Supplier<String> shown, String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                last = shown.get();
            } catch (WebDriverException notYet) {
                last = notYet.getClass().getSimpleName();
            }
            if (last.contains(text)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("waited for '" + text + "', found '" + last + "'");
    }
}
