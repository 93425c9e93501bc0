package io.authsome.ui.internal;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.login.LoginInteraction;
import io.authsome.api.login.Logins;
import io.authsome.api.vault.Secret;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One login started from the dashboard, run on a thread of its own, and its side of the
 * {@link LoginInteraction}: a question is shown as a one-time form whose answer goes to the flow
 * (never back to a page, never to a log), an address to visit becomes a redirect of the browser
 * (a device code is shown with its link), what the flow tells is listed on the login's page, and
 * the browser comes back from the loopback callback to {@code /login}.
 * <p>
 * The flow's thread and the dashboard's request threads meet here: every state change is made
 * under this object's lock and wakes whoever {@link #awaitChange waits} for one.
 */
final class DashboardLogin implements LoginInteraction {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_LINES = 40;

    /** A question of the flow, answered once by the form that carries its id. */
    record Question(String id, String label) {
    }

    /** An address the flow wants visited: a redirect of the browser, or a page with a device code. */
    record Visit(String url, String userCode) {
    }

    /** A wait of the flow for the person: what for, until when. */
    record Wait(String description, Instant until) {
    }

    /** How it ended: the sentence for the provider page, and for a failure its next step. */
    record Result(String text, String nextStep, boolean failed) {
    }

    private final Logins.Order order;
    private final String displayName;
    private final String returnAddress;
    private final Clock clock;
    private final Instant deadline;
    private final List<String> told = new ArrayList<>();
    private Question question;
    private Optional<Secret> answer;
    private Visit visit;
    private boolean visitSent;
    private Wait wait;
    private Result result;
    private String stopped;
    private Thread thread;

    DashboardLogin(Logins.Order order, String displayName, String returnAddress, Clock clock) {
        this.order = order;
        this.displayName = displayName;
        this.returnAddress = returnAddress;
        this.clock = clock;
        this.deadline = clock.instant().plus(order.timeout());
    }

    Logins.Order order() {
        return order;
    }

    String displayName() {
        return displayName;
    }

    /** Runs the login on this thread, with {@code logins}, until it ends. */
    void run(Logins logins) {
        synchronized (this) {
            thread = Thread.currentThread();
        }
        Result ended;
        try {
            ended = new Result(logins.login(order, this).describe(), null, false);
        } catch (AuthsomeException e) {
            ended = failed(e.getMessage(), e.code() == ErrorCode.CONNECTION_EXISTS
                    ? "tick \"Replace the connection if it exists\", or give another connection name" : e.nextStep());
        } catch (RuntimeException e) {
            ended = failed("the login failed unexpectedly (" + e.getClass().getSimpleName() + ")",
                    "authsome daemon logs");
        }
        synchronized (this) {
            result = ended;
            question = null;
            visit = null;
            wait = null;
            thread = null;
            Thread.interrupted();
            notifyAll();
        }
    }

    private synchronized Result failed(String message, String nextStep) {
        if (stopped != null) {
            return new Result(stopped, null, true);
        }
        return new Result("Login to " + displayName + " failed: " + message, nextStep, true);
    }

    /**
     * Ends the login: a question waiting for its answer gets none, and a wait for the browser or
     * the device code is interrupted. A login already past its waits (exchanging the code,
     * storing) finishes, and says how it went.
     *
     * @param why what the provider page says afterwards
     */
    synchronized void stop(String why) {
        if (result != null || stopped != null) {
            return;
        }
        stopped = why;
        if (question != null) {
            answer = Optional.empty();
            question = null;
        }
        if (wait != null && thread != null) {
            thread.interrupt();
        }
        notifyAll();
    }

    synchronized boolean running() {
        return result == null;
    }

    synchronized Result result() {
        return result;
    }

    synchronized Question question() {
        return question;
    }

    synchronized Wait waiting() {
        return wait;
    }

    synchronized List<String> told() {
        return List.copyOf(told);
    }

    /** The device code to show with its address, while the flow polls for it. */
    synchronized Visit deviceCode() {
        return visit != null && visit.userCode() != null ? visit : null;
    }

    /**
     * The address to send the browser to, once; {@code null} when there is none, it was sent, or
     * it is no http(s) address.
     */
    synchronized String takeRedirect() {
        if (visit == null || visit.userCode() != null || visitSent) {
            return null;
        }
        visitSent = true;
        return webAddress(visit.url());
    }

    /** Whether the page has something to show or do now: a question, an address, or the end. */
    private boolean actionable() {
        return result != null || question != null || (visit != null && (visit.userCode() != null || !visitSent));
    }

    /** Waits up to {@code patience} until the login asks for something or ends. */
    synchronized void awaitChange(Duration patience) throws InterruptedException {
        long end = System.nanoTime() + patience.toNanos();
        while (!actionable()) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return;
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /**
     * The answer to the question with {@code id}: empty for none. Only the question shown now
     * takes it, once.
     *
     * @return whether it was taken
     */
    synchronized boolean answer(String id, String value) {
        if (question == null || id == null || !question.id().equals(id)) {
            return false;
        }
        answer = value == null || value.isEmpty() ? Optional.empty() : Optional.of(Secret.of(value));
        question = null;
        notifyAll();
        return true;
    }

    // ---------------------------------------------------------------- LoginInteraction, for the flow

    @Override
    public Optional<OpenedBrowser> visit(String event, String url, String userCode, String browserUrl) {
        String target = browserUrl != null ? browserUrl : url;
        synchronized (this) {
            visit = new Visit(userCode == null ? target : url, userCode);
            visitSent = false;
            notifyAll();
        }
        return Optional.empty();
    }

    @Override
    public Optional<Secret> askSecret(String prompt, boolean browserForm) {
        synchronized (this) {
            if (stopped != null) {
                return Optional.empty();
            }
            byte[] id = new byte[16];
            RANDOM.nextBytes(id);
            question = new Question(Base64.getUrlEncoder().withoutPadding().encodeToString(id), label(prompt));
            answer = null;
            notifyAll();
            try {
                while (answer == null) {
                    long left = Duration.between(clock.instant(), deadline).toMillis();
                    if (left <= 0) {
                        question = null;
                        return Optional.empty();
                    }
                    wait(left);
                }
                return answer;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                question = null;
                return Optional.empty();
            } finally {
                answer = null;
                notifyAll();
            }
        }
    }

    @Override
    public boolean attended() {
        return true;
    }

    @Override
    public synchronized void tell(String text) {
        for (String line : text.split("\n")) {
            if (told.size() < MAX_LINES) {
                told.add(line);
            }
        }
        notifyAll();
    }

    @Override
    public Waiting waiting(String waitingFor, String description, Duration timeout) {
        Wait shown = new Wait(description, clock.instant().plus(timeout));
        synchronized (this) {
            wait = shown;
            if (stopped != null && thread != null) {
                thread.interrupt();
            }
        }
        return () -> {
            synchronized (this) {
                if (wait == shown) {
                    wait = null;
                }
            }
        };
    }

    @Override
    public boolean verbose() {
        return false;
    }

    @Override
    public void trace(String line) {
        // --verbose belongs to the command line
    }

    @Override
    public Map<String, String> environment() {
        // The daemon's own environment is not the person's: nothing is taken from it.
        return Map.of();
    }

    @Override
    public Optional<Secret> secretVariable(String name) {
        return Optional.empty();
    }

    @Override
    public Optional<String> returnAddress() {
        return Optional.of(returnAddress);
    }

    /** {@code "OpenAI API key: "} as a label: {@code OpenAI API key}. */
    static String label(String prompt) {
        String label = prompt.strip();
        return label.endsWith(":") ? label.substring(0, label.length() - 1).strip() : label;
    }

    /** {@code url} when it is an http(s) address, else {@code null}: nothing else is linked or redirected to. */
    static String webAddress(String url) {
        if (url == null) {
            return null;
        }
        String lower = url.toLowerCase(Locale.ROOT);
        return lower.startsWith("https://") || lower.startsWith("http://") ? url : null;
    }

    @Override
    public String toString() {
        return "DashboardLogin[" + order.provider() + "/" + order.connection() + "]";
    }
}
