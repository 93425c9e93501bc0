package io.authsome.ui.internal;

import io.authsome.api.agent.NewAgent;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agent each session has just added, with its credential, until the agents page shows it:
 * once, then it is gone (authsome keeps only its hash). Held in memory only, never written,
 * logged or audited. Thread-safe.
 */
final class AddedAgents {
    private final Map<String, NewAgent> bySession = new ConcurrentHashMap<>();

    void put(SignIns.Session session, NewAgent added) {
        bySession.put(session.id(), added);
    }

    /** The agent {@code session} added and has not been shown yet; {@code null} when none. */
    NewAgent take(SignIns.Session session) {
        return bySession.remove(session.id());
    }
}
