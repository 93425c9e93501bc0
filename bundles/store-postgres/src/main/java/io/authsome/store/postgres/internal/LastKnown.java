package io.authsome.store.postgres.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the reads of a long-lived runtime last got from the database, by key, for it to serve
 * while the database cannot be reached. A change that another runtime commits is announced
 * ({@link ChangeListener}) and drops the keys of what it changed; so does any gap in the
 * announcements. Only in memory: nothing of it is ever written.
 */
final class LastKnown {
    /** The key of the profile list. */
    static final String PROFILES = "profiles";

    private final Map<String, Object> values = new ConcurrentHashMap<>();

    /** The key of one connection's record. */
    static String connection(String profile, String provider, String name) {
        return provider(profile, provider) + name;
    }

    /** The key of a profile's listing. */
    static String listing(String profile) {
        return "listing\u0000" + profile;
    }

    /** The key of a provider's default connection in a profile. */
    static String defaultOf(String profile, String provider) {
        return provider(profile, provider) + "\u0000default";
    }

    void remember(String key, Object value) {
        values.put(key, value);
    }

    Object get(String key) {
        return values.get(key);
    }

    /** Forgets what is known of one provider in one profile: its connections and its default. */
    void changed(String profile, String provider) {
        String prefix = provider(profile, provider);
        values.keySet().removeIf(key -> key.startsWith(prefix));
        values.remove(listing(profile));
    }

    /** Forgets everything: a change to the profiles, or announcements that may have been missed. */
    void clear() {
        values.clear();
    }

    private static String provider(String profile, String provider) {
        return "connection\u0000" + profile + "\u0000" + provider + "\u0000";
    }
}
