package io.authsome.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * What the dashboard's browser tests share: a home whose daemon serves the dashboard on a port of
 * its own, the one-time sign-in link from {@code authsome ui}, a headless Chromium driven through
 * Debian's chromedriver, and the waits a page needs after a click. Screenshots go to
 * {@code target/ui/}.
 */
final class DashboardSession {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    final Authsome authsome;
    final int port;
    private final Path temp;

    /**
     * A home in {@code temp} whose config gives the dashboard a free port, and the shared proxy
     * none unless {@code extraDaemonConfig} (members of {@code daemon}) says otherwise; the daemon
     * is not started yet.
     */
    DashboardSession(Path temp, String extraDaemonConfig) throws IOException {
        this(temp, extraDaemonConfig, null);
    }

    /** As {@link #DashboardSession(Path, String)}, with {@code topLevelConfig} (members of the config, or null) added. */
    DashboardSession(Path temp, String extraDaemonConfig, String topLevelConfig) throws IOException {
        this.temp = temp;
        this.authsome = new Authsome(temp.resolve("home"));
        Files.createDirectories(authsome.home());
        this.port = FreePorts.loopback();
        Files.writeString(authsome.home().resolve("config.json"), "{\"daemon\": {\"ui_port\": " + port
                + (extraDaemonConfig == null ? ", \"proxy_port\": 0" : ", " + extraDaemonConfig) + "}"
                + (topLevelConfig == null ? "" : ", " + topLevelConfig) + "}\n");
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    void startDaemon() {
        Authsome.Run start = authsome.run("daemon", "start");
        assertEquals(0, start.exitCode(), start.toString());
    }

    void stopDaemon() {
        authsome.run("daemon", "stop");
        try {
            long pid = Long.parseLong(Files.readString(authsome.home().resolve("run/daemon.pid")).strip());
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        } catch (IOException | NumberFormatException gone) {
            // stopped
        }
    }

    /** A fresh one-time sign-in link, from {@code authsome ui --no-browser --json}. */
    String signInLink() {
        Authsome.Run ui = authsome.run("ui", "--no-browser", "--json");
        assertEquals(0, ui.exitCode(), ui.toString());
        String link = ui.json().get("sign_in_link").asText();
        assertTrue(link.startsWith(base() + "/signin?token="), link);
        return link;
    }

    static void assumeBrowser() {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs Debian's chromium and chromium-driver (.ci/run installs them)");
    }

    /** A headless Chromium with a profile of its own; quit it when done. */
    ChromeDriver chromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,900", "--user-data-dir=" + temp.resolve("chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return driver;
    }

    /** A Chromium signed in to the dashboard, on the overview. */
    ChromeDriver signedInBrowser() {
        ChromeDriver browser = chromium();
        browser.get(signInLink());
        return browser;
    }

    /** Saves what the browser shows as {@code target/ui/<name>.png}. */
    static void screenshot(ChromeDriver browser, String name) throws IOException {
        Path shots = Path.of("target/ui").toAbsolutePath();
        Files.createDirectories(shots);
        Files.write(shots.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    /** Every button, link and visible input of the page has an accessible name. */
    static void assertEveryControlIsNamed(ChromeDriver browser) {
        for (WebElement control : browser.findElements(By.cssSelector("button, a, input:not([type=hidden]), select, textarea"))) {
            String name = control.getAccessibleName();
            assertFalse(name == null || name.isBlank(), "a control without a name: " + control.getAttribute("outerHTML"));
        }
    }

    /**
     * Pressing Tab from the top of the page reaches every button, link and field in turn: none is
     * out of the keyboard's reach.
     */
    static void assertKeyboardReachesEveryControl(ChromeDriver browser) {
        List<WebElement> controls = browser.findElements(
                By.cssSelector("a[href], button, input:not([type=hidden]), select, textarea"));
        List<WebElement> reached = new java.util.ArrayList<>();
        for (int press = 0; press < controls.size() + 3; press++) {
            new org.openqa.selenium.interactions.Actions(browser).sendKeys(org.openqa.selenium.Keys.TAB).perform();
            reached.add(browser.switchTo().activeElement());
        }
        for (WebElement control : controls) {
            assertTrue(reached.contains(control), "Tab never reaches " + control.getAttribute("outerHTML"));
        }
    }

    /** Waits for the page a click leads to: its heading. */
    static void awaitHeading(ChromeDriver browser, String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        String shown = "";
        while (System.nanoTime() < deadline) {
            List<WebElement> headings = browser.findElements(By.tagName("h1"));
            try {
                shown = headings.isEmpty() ? "" : headings.get(0).getText();
            } catch (StaleElementReferenceException replaced) {
                continue;
            }
            if (shown.contains(text)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("waited for the heading '" + text + "', the page shows '" + shown + "' at "
                + browser.getCurrentUrl());
    }

    /** Waits until the page's main text shows {@code text}. */
    static void awaitText(ChromeDriver browser, String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        String shown = "";
        while (System.nanoTime() < deadline) {
            try {
                shown = browser.findElement(By.tagName("main")).getText();
            } catch (WebDriverException replaced) {
                continue;
            }
            if (shown.contains(text)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("waited for '" + text + "', the page shows:\n" + shown);
    }
}
