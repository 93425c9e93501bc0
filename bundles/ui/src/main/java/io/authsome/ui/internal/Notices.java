package io.authsome.ui.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** What the page after a change says, by session: shown once. Thread-safe. */
final class Notices {
    /**
     * One notice.
     *
     * @param text     what was done, or what failed
     * @param nextStep for a failure, what fixes it; else {@code null}
     * @param problem  whether it reports a failure
     */
    record Notice(String text, String nextStep, boolean problem) {
    }

    private final Map<String, Notice> bySession = new ConcurrentHashMap<>();

    void put(SignIns.Session session, String notice) {
        bySession.put(session.id(), new Notice(notice, null, false));
    }

    /** A failure to report on the next page, with its next step ({@code null} for none). */
    void putProblem(SignIns.Session session, String problem, String nextStep) {
        bySession.put(session.id(), new Notice(problem, nextStep, true));
    }

    /** The notice for {@code session}, once; {@code null} when there is none. */
    Notice take(SignIns.Session session) {
        return bySession.remove(session.id());
    }
}
