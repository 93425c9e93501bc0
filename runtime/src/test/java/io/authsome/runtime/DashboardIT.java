package io.authsome.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static io.authsome.runtime.DashboardSession.assertEveryControlIsNamed;
import static io.authsome.runtime.DashboardSession.assertKeyboardReachesEveryControl;
import static io.authsome.runtime.DashboardSession.awaitHeading;
import static io.authsome.runtime.DashboardSession.awaitText;
import static io.authsome.runtime.DashboardSession.screenshot;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The dashboard as a person and as an attacker meet it: a real headless Chromium signs in with
 * the one-time link and reads the pages; raw HTTP requests check that a reused link, a missing
 * cookie, a wrong {@code Host}, a missing CSRF token and a foreign {@code Origin} are each refused
 * and audited. Screenshots go to {@code target/ui/}.
 */
class DashboardIT {
    private static final String KEY = "sk-dashboard-5c1e9b7a3d-never-on-a-page";

    @TempDir
    Path temp;
    DashboardSession dashboard;
    Authsome authsome;
    int port;

    @BeforeEach
    void setUp() throws Exception {
        assumeFalse(Daemons.THROUGH_DAEMON, "starts its own daemon, with a dashboard port of its own");
        dashboard = new DashboardSession(temp, null);
        authsome = dashboard.authsome;
        port = dashboard.port;
        assertEquals(0, authsome.with("OPENAI_API_KEY", KEY).run("login", "openai").exitCode());
        Path custom = temp.resolve("evil.json");
        Files.writeString(custom, "{\"schema_version\": 1, \"name\": \"evil\", \"display_name\":"
                + " \"<b>Evil</b> & <script>alert(1)</script>\", \"auth_type\": \"api_key\", \"flow\": \"api_key\","
                + " \"api_url\": \"api.evil.example\", \"api_key\": {\"env_var\": \"EVIL_KEY\"}}");
        Authsome.Run register = authsome.run("register", custom.toString());
        assertEquals(0, register.exitCode(), register.toString());
        dashboard.startDaemon();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (dashboard != null) {
            dashboard.stopDaemon();
        }
    }

    private String signInLink() {
        return dashboard.signInLink();
    }

    @Test
    void aPersonSignsInWithTheLinkAndSeesTheirConnectionsInARealBrowser() throws Exception {
        DashboardSession.assumeBrowser();
        ChromeDriver browser = dashboard.chromium();
        try {
            String link = signInLink();
            browser.get(link);
            assertEquals("http://127.0.0.1:" + port + "/", browser.getCurrentUrl(), "the token is gone from the address");
            Cookie session = browser.manage().getCookieNamed("authsome_session");
            assertTrue(session.isHttpOnly(), "HttpOnly");
            assertEquals("Strict", session.getSameSite());
            String overview = browser.findElement(By.tagName("main")).getText();
            assertTrue(overview.contains("OpenAI"), overview);
            assertTrue(overview.contains("connected"), overview);
            assertTrue(overview.contains("<b>Evil</b> & <script>alert(1)</script>"), "shown as text: " + overview);
            assertTrue(browser.findElements(By.tagName("b")).isEmpty(), "provider text made no element");
            screenshot(browser, "overview");

            browser.findElement(By.linkText("OpenAI")).click();
            awaitHeading(browser, "OpenAI");
            String provider = browser.findElement(By.tagName("main")).getText();
            assertTrue(provider.contains("api.openai.com"), provider);
            assertTrue(provider.contains("Authorization: Bearer <credential>"), provider);
            assertFalse(browser.getPageSource().contains(KEY), "no secret is rendered");
            screenshot(browser, "provider");

            browser.findElement(By.linkText("Health")).click();
            awaitHeading(browser, "Health");
            String health = browser.findElement(By.tagName("main")).getText();
            assertTrue(health.contains("bundles active"), health);
            assertTrue(health.contains("io.authsome.ui"), health);
            assertTrue(health.contains(authsome.run("doctor", "--json").json().get("findings").get(0).get("message")
                    .asText()), "doctor's findings: " + health);
            screenshot(browser, "health");

            browser.get(link);
            String reused = browser.findElement(By.tagName("h1")).getText();
            assertTrue(reused.contains("Sign-in link used or expired"), reused + " at " + browser.getCurrentUrl());
            browser.get("http://127.0.0.1:" + port + "/");
            browser.findElement(By.cssSelector("form.signout button")).click();
            awaitHeading(browser, "Signed out");
            browser.get("http://127.0.0.1:" + port + "/");
            assertTrue(browser.findElement(By.tagName("h1")).getText().contains("Not signed in"));
        } finally {
            browser.quit();
        }
        assertFalse(Files.readString(authsome.home().resolve("audit.log")).contains("token="), "no link in the audit");
    }

    @Test
    void aPersonChangesConnectionsFromTheProviderPage() throws Exception {
        DashboardSession.assumeBrowser();
        assertEquals(0, authsome.with("OPENAI_API_KEY", KEY + "-work").run("login", "openai", "--connection", "work")
                .exitCode());
        ChromeDriver browser = dashboard.chromium();
        try {
            browser.get(signInLink());
            browser.get("http://127.0.0.1:" + port + "/providers/openai");
            awaitHeading(browser, "OpenAI");
            assertEveryControlIsNamed(browser);
            assertKeyboardReachesEveryControl(browser);
            screenshot(browser, "provider-actions");

            browser.findElement(By.cssSelector("button[aria-label='Make work the default']")).click();
            awaitText(browser, "'work' is now the default connection of OpenAI.");
            assertEquals("work", authsome.run("get", "openai", "--json").json().get("connection").asText());

            browser.findElement(By.cssSelector("button[aria-label='Log out default on this machine']")).click();
            awaitText(browser, "Logged out 'default' on this machine");
            assertEquals(3, authsome.run("get", "openai", "--connection", "default").exitCode());

            browser.findElement(By.linkText("Remove everything of OpenAI from this profile…")).click();
            awaitHeading(browser, "Remove OpenAI?");
            browser.findElement(By.cssSelector("button.danger")).click();
            awaitText(browser, "Removed OpenAI from profile default: work");
            assertEquals(3, authsome.run("get", "openai").exitCode());
        } finally {
            browser.quit();
        }
        String audit = Files.readString(authsome.home().resolve("audit.log"));
        for (String event : List.of("set_default", "logout", "remove")) {
            assertTrue(audit.lines().anyMatch(line -> line.contains("\"event\":\"" + event + "\"")
                    && line.contains("\"via\":\"ui\"")), event + " via ui in " + audit);
        }
    }

    @Test
    void everyForgedOrStrayRequestIsRefusedAndAudited() throws Exception {
        String link = signInLink();
        String token = link.substring(link.indexOf("/signin"));
        Answer signIn = request("GET", token, "127.0.0.1:" + port, null, null, null);
        assertEquals(303, signIn.status(), signIn.toString());
        String setCookie = signIn.header("set-cookie").orElseThrow();
        assertTrue(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict"), setCookie);
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        Answer page = request("GET", "/", "127.0.0.1:" + port, cookie, null, null);
        assertEquals(200, page.status());
        for (String header : List.of("content-security-policy", "x-frame-options", "referrer-policy")) {
            assertTrue(page.header(header).isPresent(), header);
        }
        assertTrue(page.header("content-security-policy").get().contains("script-src 'self'"));
        Matcher csrf = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page.body());
        assertTrue(csrf.find(), page.body());
        String form = "csrf=" + csrf.group(1);
        String origin = "http://127.0.0.1:" + port;

        assertEquals(403, request("GET", token, "127.0.0.1:" + port, null, null, null).status(), "link used twice");
        assertEquals(403, request("GET", "/", "127.0.0.1:" + port, null, null, null).status(), "no cookie");
        assertEquals(421, request("GET", "/", "rebound.example:" + port, cookie, null, null).status(), "wrong Host");
        assertEquals(403, request("POST", "/signout", "127.0.0.1:" + port, cookie, origin, "x=1").status(), "no CSRF");
        assertEquals(403, request("POST", "/signout", "127.0.0.1:" + port, cookie, "http://evil.example", form)
                .status(), "foreign Origin");
        assertEquals(403, request("POST", "/signout", "127.0.0.1:" + port, cookie, null, form).status(), "no Origin");
        assertEquals(403, request("POST", "/signout", "127.0.0.1:" + port, cookie, "null", form).status(),
                "Origin null without the browser's word that the form is the dashboard's");
        assertEquals(200, request("GET", "/", "127.0.0.1:" + port, cookie, null, null).status(), "still signed in");
        assertEquals(200, request("POST", "/signout", "127.0.0.1:" + port, cookie, origin, form).status());
        assertEquals(403, request("GET", "/", "127.0.0.1:" + port, cookie, null, null).status(), "signed out");

        String audit = Files.readString(authsome.home().resolve("audit.log"));
        for (String reason : List.of("bad_sign_in_link", "no_session", "wrong_host", "bad_csrf", "wrong_origin")) {
            assertTrue(audit.contains("\"reason\":\"" + reason + "\""), reason + " in " + audit);
        }
        assertTrue(audit.contains("\"event\":\"ui_sign_in\"") && audit.contains("\"event\":\"ui_sign_out\""), audit);
        String secretPart = token.substring(token.indexOf('=') + 1);
        for (Path file : List.of(authsome.home().resolve("audit.log"), authsome.home().resolve("logs/daemon.log"))) {
            String text = Files.readString(file);
            assertFalse(text.contains(secretPart), "the sign-in token is in " + file);
            assertFalse(text.contains(cookie.substring(cookie.indexOf('=') + 1)), "the session is in " + file);
        }
    }

    @Test
    void uiIsRefusedInsideARunChild() {
        Authsome.Run inside = authsome.run("run", "--", Authsome.DIST.resolve("bin/authsome").toAbsolutePath().toString(),
                "ui", "--no-browser");
        assertTrue(inside.exitCode() != 0, inside.toString());
        assertFalse(inside.out().contains("signin?token="), inside.toString());
    }

    /** One answer of the dashboard to a raw request. */
    private record Answer(int status, Map<String, String> headers, String body) {
        Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name));
        }
    }

    /** A request written by hand, so that {@code Host} and {@code Origin} say what a test needs. */
    private Answer request(String method, String target, String host, String cookie, String origin, String form)
            throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(20));
            StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: " + host
                    + "\r\nConnection: close\r\n");
            if (cookie != null) {
                head.append("Cookie: ").append(cookie).append("\r\n");
            }
            if (origin != null) {
                head.append("Origin: ").append(origin).append("\r\n");
            }
            byte[] body = form == null ? new byte[0] : form.getBytes(StandardCharsets.UTF_8);
            if (form != null) {
                head.append("Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ").append(body.length)
                        .append("\r\n");
            }
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            String[] lines = text.substring(0, end).split("\r\n");
            Map<String, String> headers = new java.util.HashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).toLowerCase(java.util.Locale.ROOT), lines[i].substring(colon + 1)
                        .strip());
            }
            return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers, text.substring(end + 4));
        }
    }
}
