package io.authsome.proxy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PathsTest {
    @Test
    void dotSegmentsAreResolvedAsAServerWould() {
        assertEquals("/api/v4/projects", Paths.withoutDotSegments("/api/v4/projects"));
        assertEquals("/admin", Paths.withoutDotSegments("/api/../admin"));
        assertEquals("/admin", Paths.withoutDotSegments("/api/%2E%2e/admin"));
        assertEquals("/api/x", Paths.withoutDotSegments("/api/./x"));
        assertEquals("/", Paths.withoutDotSegments("/../.."));
        assertEquals("/api/", Paths.withoutDotSegments("/api/x/.."));
        assertEquals("/a/b.json", Paths.withoutDotSegments("/a/b.json"));
        assertEquals("/a//b", Paths.withoutDotSegments("/a//b"));
    }
}
