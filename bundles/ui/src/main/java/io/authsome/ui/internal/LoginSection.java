package io.authsome.ui.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code /login}: the page of the browser session's login under way, and what its forms post
 * ({@code /login/answer}, {@code /login/cancel}). The page shows what the login needs now (the
 * form of its question, the redirect to where the person approves, the device code) or waits; once
 * the login ended, the provider's page says how it went.
 */
final class LoginSection implements Section {
    /** How long a request for the page waits for the login to need something, before it shows the waiting page. */
    static final Duration PATIENCE = Duration.ofSeconds(3);

    private final DashboardLogins logins;
    private final Notices notices;

    LoginSection(DashboardLogins logins, Notices notices) {
        this.logins = logins;
        this.notices = notices;
    }

    @Override
    public Answer answer(Request request) {
        Optional<DashboardLogin> found = logins.of(request.session());
        if (request.isPost()) {
            if (request.segments().size() != 2) {
                return null;
            }
            found.ifPresent(login -> {
                switch (request.segment(1)) {
                    case "answer" -> login.answer(request.form().get("question"), request.form().get("secret"));
                    case "cancel" -> login.stop("The login to " + login.displayName() + " was cancelled.");
                    default -> {
                        // not a form of this page: the 303 below shows where the login is
                    }
                }
            });
            return request.segment(1).equals("answer") || request.segment(1).equals("cancel") ? Answer.redirect("/login")
                    : null;
        }
        if (request.segments().size() != 1) {
            return null;
        }
        if (found.isEmpty()) {
            return Answer.redirect("/");
        }
        DashboardLogin login = found.get();
        try {
            login.awaitChange(PATIENCE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        DashboardLogin.Result result = login.result();
        if (result != null) {
            logins.forget(request.session(), login);
            if (result.failed()) {
                notices.putProblem(request.session(), result.text(), result.nextStep());
            } else {
                notices.put(request.session(), result.text());
            }
            return Answer.redirect("/providers/" + login.order().provider());
        }
        String redirect = login.takeRedirect();
        if (redirect != null) {
            return Answer.html(200, LoginPages.onTo(login, redirect, request.csrf()));
        }
        DashboardLogin.Question question = login.question();
        if (question != null) {
            return Answer.html(200, LoginPages.question(login, question, request.csrf()));
        }
        return Answer.html(200, LoginPages.waiting(login, request.csrf(), Instant.now()));
    }
}
