package io.authsome.providers.internal;

import io.authsome.api.provider.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Finds {@code regex:} routes that match every host ({@code .*}, {@code .+}, {@code [^/]+}, ...):
 * such a route would hand the provider's credential to any host a {@code run} child calls. A
 * pattern cannot be compared with "everything" exactly, so it is tried against fixed and random
 * host names of every shape; one that matches them all is taken to match every host.
 */
final class RouteBreadth {
    private static final List<String> FIXED = List.of("example.com", "attacker.test", "a.b.c.d.example.org",
            "x1-y2.invalid");
    private static final String[] TOP_LEVEL = {"com", "net", "org", "io", "dev", "de", "test", "invalid"};
    private static final int RANDOM_HOSTS = 8;

    private RouteBreadth() {
    }

    static boolean matchesEveryHost(Route route) {
        if (route.kind() != Route.Kind.REGEX) {
            return false;
        }
        List<String> hosts = new ArrayList<>(FIXED);
        for (int i = 0; i < RANDOM_HOSTS; i++) {
            hosts.add(randomHost());
        }
        return hosts.stream().allMatch(host -> route.matches(host, 443, "/"));
    }

    private static String randomHost() {
        Random random = ThreadLocalRandom.current();
        StringBuilder host = new StringBuilder();
        int labels = 1 + random.nextInt(3);
        for (int i = 0; i < labels; i++) {
            int length = 1 + random.nextInt(12);
            for (int j = 0; j < length; j++) {
                host.append("abcdefghijklmnopqrstuvwxyz0123456789".charAt(random.nextInt(36)));
            }
            host.append('.');
        }
        return host.append(TOP_LEVEL[random.nextInt(TOP_LEVEL.length)]).toString();
    }
}
