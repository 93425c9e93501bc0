package io.authsome.console.internal;

import io.authsome.api.command.CommandResult;
import io.authsome.api.login.LoginInteraction;
import io.authsome.common.json.Json;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What a login waiting for a person shows while it waits: on a terminal, one line on stderr
 * updated in place every second ({@code waiting for the login in the browser: 4:59 left});
 * with {@code --json}, a {@code waiting} event on stdout every {@value #EVENT_SECONDS} seconds.
 * When stderr is not a terminal and there is no {@code --json}, nothing: a log of a script
 * should not fill with countdowns. {@code --quiet} and {@code --verbose} turn the terminal line off.
 */
final class LoginProgress implements LoginInteraction.Waiting {
    static final long EVENT_SECONDS = 10;
    /** Erases the terminal line the cursor is on and returns to its start. */
    private static final String CLEAR_LINE = "\r\033[K";

    private final ScheduledExecutorService ticker;
    private final PrintStream terminal;
    private final PrintStream out;
    private final boolean events;
    private final String waitingFor;
    private final String description;
    private final Instant deadline;
    private long lastEvent = Long.MIN_VALUE;

    private LoginProgress(CommandContextImpl context, String waitingFor, String description, Instant deadline) {
        // --verbose writes its round trips (the device flow's polls) to the same stderr: no line to keep in place.
        this.terminal = !context.quiet() && !context.verbose() && context.io().person().stderrIsTerminal() ? context.diagnostics() : null;
        this.out = context.io().out();
        this.events = context.json();
        this.waitingFor = waitingFor;
        this.description = description;
        this.deadline = deadline;
        if (terminal == null && !events) {
            this.ticker = null;
            return;
        }
        this.ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "authsome-login-progress");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleAtFixedRate(this::tick, 0, 1, TimeUnit.SECONDS);
    }

    /**
     * Starts showing progress until {@link #close()}.
     *
     * @param waitingFor  the event's {@code for}: {@code browser} or {@code device}
     * @param description what the person is to do, for the terminal line
     * @param timeout     how long the login waits
     */
    static LoginProgress start(CommandContextImpl context, String waitingFor, String description, Duration timeout) {
        return new LoginProgress(context, waitingFor, description, Instant.now().plus(timeout));
    }

    private void tick() {
        long left = Math.max(0, Duration.between(Instant.now(), deadline).toSeconds());
        if (terminal != null) {
            terminal.print(CLEAR_LINE + "waiting for " + description + ": " + left / 60 + ":"
                    + String.format("%02d", left % 60) + " left");
            terminal.flush();
        }
        if (events && (lastEvent == Long.MIN_VALUE || lastEvent - left >= EVENT_SECONDS)) {
            lastEvent = left;
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("v", CommandResult.FORMAT_VERSION);
            event.put("event", "waiting");
            event.put("for", waitingFor);
            event.put("seconds_left", left);
            out.println(Json.writeLine(event));
            out.flush();
        }
    }

    @Override
    public void close() {
        if (ticker == null) {
            return;
        }
        ticker.shutdownNow();
        try {
            ticker.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (terminal != null) {
            terminal.print(CLEAR_LINE);
            terminal.flush();
        }
    }
}
