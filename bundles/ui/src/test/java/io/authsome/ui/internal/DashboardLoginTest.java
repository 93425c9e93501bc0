package io.authsome.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.authsome.api.ErrorCode;
import io.authsome.api.login.LoginFailure;
import io.authsome.api.login.LoginInteraction;
import io.authsome.api.login.Logins;
import io.authsome.api.vault.Secret;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A login from the dashboard, with a stand-in for the login service that plays a flow: its
 * question goes to a one-time form and its answer to the flow only, its address becomes one
 * redirect, a cancel ends its wait, and one session runs one login at a time.
 */
class DashboardLoginTest {
    private static final String KEY = "sk-typed-in-the-form-0123456789";
    private static final SignIns.Session SESSION = new SignIns.Session("session-1", "csrf-1", Instant.now());

    private final ByteArrayOutputStream warnings = new ByteArrayOutputStream();
    private final CompletableFuture<Optional<Secret>> given = new CompletableFuture<>();
    private final CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
    private DashboardLogins logins;

    @AfterEach
    void stop() {
        if (logins != null) {
            logins.close();
        }
    }

    private static Logins.Order order(String connection) {
        return new Logins.Order("acme", null, "default", connection, List.of(), null, null, false, false,
                Duration.ofSeconds(20), "ui");
    }

    private DashboardLogins logins(Logins service) {
        logins = new DashboardLogins(service, "http://127.0.0.1:7997/login",
                new PrintStream(warnings, true, StandardCharsets.UTF_8), Clock.systemUTC());
        return logins;
    }

    /** A flow that asks for a key, as the api_key flow does. */
    private Logins askingForAKey() {
        return (order, interaction) -> {
            interaction.tell("Create a key at https://acme.example/keys");
            Optional<Secret> key = interaction.askSecret("Acme API key: ", true);
            given.complete(key);
            if (key.isEmpty()) {
                throw new LoginFailure(LoginFailure.Reason.NO_KEY, ErrorCode.AUTHENTICATION_FAILED,
                        "no API key given for acme", "set ACME_KEY");
            }
            return new Logins.Outcome("acme", "Acme", "default", order.connection(), "connected", "api_key", List.of());
        };
    }

    @Test
    void theAnswerOfTheFormGoesToTheFlowOnceAndIsNeverShown() throws Exception {
        DashboardLogin login = logins(askingForAKey()).start(SESSION, order("default"), "Acme");
        login.awaitChange(Duration.ofSeconds(5));
        DashboardLogin.Question question = login.question();
        assertNotNull(question);
        assertEquals("Acme API key", question.label());
        String page = LoginPages.question(login, question, "csrf-1");
        assertTrue(page.contains("type=\"password\"") && page.contains("autocomplete=\"off\""), page);
        assertTrue(page.contains("Create a key at https://acme.example/keys"), page);

        assertFalse(login.answer("another-question", KEY), "a form of another question");
        assertTrue(login.answer(question.id(), KEY));
        assertFalse(login.answer(question.id(), KEY), "the same form posted twice");
        assertEquals(KEY, given.get(5, TimeUnit.SECONDS).orElseThrow().reveal());
        login.awaitChange(Duration.ofSeconds(5));
        assertEquals("Logged in to Acme as connection 'default' in profile default.", login.result().text());
        assertFalse(login.result().failed());
        assertFalse(login.result().toString().contains(KEY));
        assertFalse(login.toString().contains(KEY));
        assertFalse(warnings.toString(StandardCharsets.UTF_8).contains(KEY));
    }

    @Test
    void cancellingAQuestionGivesTheFlowNoAnswerAndSaysItWasCancelled() throws Exception {
        DashboardLogin login = logins(askingForAKey()).start(SESSION, order("default"), "Acme");
        login.awaitChange(Duration.ofSeconds(5));
        assertNotNull(login.question());

        login.stop("The login to Acme was cancelled.");

        assertEquals(Optional.empty(), given.get(5, TimeUnit.SECONDS));
        login.awaitChange(Duration.ofSeconds(5));
        assertTrue(login.result().failed());
        assertEquals("The login to Acme was cancelled.", login.result().text());
    }

    @Test
    void theAuthorizationAddressIsOneRedirectAndACancelEndsTheWaitForTheBrowser() throws Exception {
        DashboardLogin login = logins((order, interaction) -> {
            assertEquals(Optional.of("http://127.0.0.1:7997/login"), interaction.returnAddress());
            interaction.visit("authorize", "https://as.example/authorize?state=s", null,
                    "http://127.0.0.1:7998/auth/start/t");
            try (LoginInteraction.Waiting waiting = interaction.waiting("browser", "the login in the browser",
                    Duration.ofSeconds(20))) {
                Thread.sleep(20_000);
            } catch (InterruptedException e) {
                interrupted.complete(true);
                throw new LoginFailure(LoginFailure.Reason.INTERRUPTED, ErrorCode.AUTHENTICATION_FAILED,
                        "the login was interrupted", null);
            }
            throw new AssertionError("not interrupted");
        }).start(SESSION, order("default"), "Hub");
        login.awaitChange(Duration.ofSeconds(5));

        assertEquals("http://127.0.0.1:7998/auth/start/t", login.takeRedirect(), "the browser's start address");
        assertNull(login.takeRedirect(), "once");
        login.awaitChange(Duration.ofMillis(100));
        assertTrue(LoginPages.waiting(login, "csrf-1", Instant.now()).contains("Waiting for the login in the browser"));

        login.stop("The login to Hub was cancelled.");

        assertTrue(interrupted.get(5, TimeUnit.SECONDS));
        login.awaitChange(Duration.ofSeconds(5));
        assertEquals("The login to Hub was cancelled.", login.result().text());
    }

    @Test
    void aDeviceCodeIsShownWithItsAddressAndNothingButHttpIsLinked() throws Exception {
        DashboardLogin login = logins((order, interaction) -> {
            interaction.visit("device_authorization", "https://as.example/activate", "WDJB-MJHT", null);
            try (LoginInteraction.Waiting waiting = interaction.waiting("device", "the device code to be approved",
                    Duration.ofSeconds(20))) {
                Thread.sleep(20_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }).start(SESSION, order("default"), "Hub");
        login.awaitChange(Duration.ofSeconds(5));
        assertNull(login.takeRedirect(), "the person goes there on a device of their choice");
        String page = LoginPages.waiting(login, "csrf-1", Instant.now());
        assertTrue(page.contains("<a href=\"https://as.example/activate\""), page);
        assertTrue(page.contains("WDJB-MJHT"), page);
        assertTrue(page.contains("<meta http-equiv=\"refresh\" content=\"2\">"), page);
        assertNull(DashboardLogin.webAddress("javascript:alert(1)"));
    }

    @Test
    void aSessionRunsOneLoginAtATimeAndAFailureKeepsItsNextStep() throws Exception {
        CompletableFuture<Void> release = new CompletableFuture<>();
        DashboardLogins running = logins((order, interaction) -> {
            release.join();
            throw new io.authsome.api.AuthsomeException(ErrorCode.CONNECTION_EXISTS,
                    "connection 'default' of acme already exists in profile default", "authsome login acme --force");
        });
        DashboardLogin first = running.start(SESSION, order("default"), "Acme");
        assertSame(first, running.start(SESSION, order("work"), "Acme"));
        release.complete(null);
        first.awaitChange(Duration.ofSeconds(5));
        DashboardLogin.Result result = first.result();
        assertTrue(result.failed());
        assertTrue(result.text().contains("already exists"), result.text());
        assertTrue(result.nextStep().contains("Replace the connection if it exists"), result.nextStep());
        running.forget(SESSION, first);
        assertTrue(running.of(SESSION).isEmpty());
    }

    @Test
    void aRequestCarryingTheKeyDoesNotShowItAsText() {
        Request posted = new Request("POST", "/login/answer", java.util.Map.of(),
                java.util.Map.of("secret", KEY, "csrf", "csrf-1", "question", "q"), SESSION);
        assertFalse(posted.toString().contains(KEY), posted.toString());
        assertFalse(posted.toString().contains("csrf-1"), posted.toString());
    }

    @Test
    void formFieldsBecomeScopes() {
        assertEquals(List.of("read", "write", "admin"), ProviderSection.scopes(" read, write  admin,read"));
        assertEquals(List.of(), ProviderSection.scopes(""));
        assertEquals(List.of(), ProviderSection.scopes(null));
    }
}
