package io.authsome.providers.internal;

import io.authsome.api.provider.ProviderProblem;
import java.util.ArrayList;
import java.util.List;

/** Collects the problems of one definition while it is validated. Not thread-safe. */
final class Problems {
    private final String origin;
    private final List<ProviderProblem> list = new ArrayList<>();

    Problems(String origin) {
        this.origin = origin;
    }

    void add(String field, String message) {
        list.add(new ProviderProblem(origin, field, message));
    }

    boolean isEmpty() {
        return list.isEmpty();
    }

    List<ProviderProblem> list() {
        return List.copyOf(list);
    }
}
