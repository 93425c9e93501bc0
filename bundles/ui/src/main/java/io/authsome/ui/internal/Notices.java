package io.authsome.ui.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** What the page after a change says, by session: shown once. Thread-safe. */
final class Notices {
    private final Map<String, String> bySession = new ConcurrentHashMap<>();

    void put(SignIns.Session session, String notice) {
        bySession.put(session.id(), notice);
    }

    /** The notice for {@code session}, once; {@code null} when there is none. */
    String take(SignIns.Session session) {
        return bySession.remove(session.id());
    }
}
