package io.authsome.api.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RouteTest {

    @Nested
    class HostRoutes {
        private final Route github = Route.parse("api.github.com");

        @Test
        void isAHostRouteCoveringTheWholeHostOnAnyPort() {
            assertEquals(Route.Kind.HOST, github.kind());
            assertEquals("api.github.com", github.host());
            assertEquals(-1, github.port());
            assertEquals("/", github.pathPrefix());
            assertEquals("api.github.com", github.spec());
        }

        @ParameterizedTest
        @ValueSource(strings = {"/", "/user", "/repos/o/r/issues", "/a/b/c?x=1"})
        void matchesAnyPathOnTheHost(String path) {
            assertTrue(github.matches("api.github.com", 443, path));
        }

        @Test
        void matchesWhenRequestPathIsNull() {
            assertTrue(github.matches("api.github.com", 443, null));
        }

        @Test
        void matchesHostCaseInsensitively() {
            assertTrue(github.matches("API.GitHub.COM", 443, "/user"));
            assertTrue(Route.parse("API.GitHub.com").matches("api.github.com", 443, "/"));
            assertEquals("api.github.com", Route.parse("API.GitHub.com").host());
        }

        @ParameterizedTest
        @ValueSource(strings = {"github.com", "api.gitlab.com", "api.github.com.evil.net", "evilapi.github.com"})
        void doesNotMatchOtherHosts(String host) {
            assertFalse(github.matches(host, 443, "/user"));
        }

        @Test
        void doesNotMatchSubdomains() {
            assertFalse(github.matches("uploads.api.github.com", 443, "/"));
        }

        @Test
        void trimsSurroundingWhitespace() {
            Route route = Route.parse("  api.github.com  ");
            assertEquals("api.github.com", route.spec());
            assertTrue(route.matches("api.github.com", 443, "/"));
        }
    }

    @Nested
    class HostPortRoutes {
        @Test
        void isLimitedToThatPort() {
            Route route = Route.parse("localhost:8080");
            assertEquals(Route.Kind.HOST, route.kind());
            assertEquals("localhost", route.host());
            assertEquals(8080, route.port());
            assertTrue(route.matches("localhost", 8080, "/anything"));
            assertFalse(route.matches("localhost", 8081, "/anything"));
            assertFalse(route.matches("localhost", 443, "/anything"));
        }

        @Test
        void acceptsBracketedIpv6WithAndWithoutPort() {
            Route withPort = Route.parse("[::1]:9000");
            assertEquals("[::1]", withPort.host());
            assertEquals(9000, withPort.port());
            Route withoutPort = Route.parse("[::1]");
            assertEquals("[::1]", withoutPort.host());
            assertEquals(-1, withoutPort.port());
        }

        @ParameterizedTest
        @ValueSource(strings = {"example.com:0", "example.com:65536", "example.com:99999"})
        void rejectsPortOutOfRange(String spec) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Route.parse(spec));
            assertTrue(e.getMessage().contains("port out of range"), e.getMessage());
        }
    }

    @Nested
    class PrefixRoutes {
        private final Route gitlab = Route.parse("https://gitlab.com/api/");

        @Test
        void isAPrefixRouteOnTheUrlHost() {
            assertEquals(Route.Kind.PREFIX, gitlab.kind());
            assertEquals("gitlab.com", gitlab.host());
            assertEquals("/api/", gitlab.pathPrefix());
            assertEquals(-1, gitlab.port());
        }

        @Test
        void matchesPathsUnderThePrefix() {
            assertTrue(gitlab.matches("gitlab.com", 443, "/api/v4/projects"));
            assertTrue(gitlab.matches("gitlab.com", 443, "/api/"));
        }

        @Test
        void doesNotMatchPathsOutsideThePrefix() {
            assertFalse(gitlab.matches("gitlab.com", 443, "/users/sign_in"));
            assertFalse(gitlab.matches("gitlab.com", 443, "/apiary"));
            assertFalse(gitlab.matches("gitlab.com", 443, "/"));
            assertFalse(gitlab.matches("gitlab.com", 443, null));
        }

        @Test
        void doesNotMatchThePrefixOnAnotherHost() {
            assertFalse(gitlab.matches("gitlab.example.com", 443, "/api/v4/projects"));
        }

        @Test
        void withoutTrailingSlashMatchesOnSegmentBoundary() {
            Route route = Route.parse("https://gitlab.com/api");
            assertEquals(Route.Kind.PREFIX, route.kind());
            assertTrue(route.matches("gitlab.com", 443, "/api"));
            assertTrue(route.matches("gitlab.com", 443, "/api/v4/projects"));
            assertFalse(route.matches("gitlab.com", 443, "/apiary"));
            assertFalse(route.matches("gitlab.com", 443, "/ap"));
        }

        @Test
        void explicitPortInUrlLimitsThePort() {
            Route route = Route.parse("https://gitlab.example.com:8443/api/");
            assertEquals(8443, route.port());
            assertTrue(route.matches("gitlab.example.com", 8443, "/api/v4"));
            assertFalse(route.matches("gitlab.example.com", 443, "/api/v4"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"https://api.github.com", "https://api.github.com/"})
        void urlWithoutPathIsAHostRoute(String spec) {
            Route route = Route.parse(spec);
            assertEquals(Route.Kind.HOST, route.kind());
            assertEquals("/", route.pathPrefix());
            assertTrue(route.matches("api.github.com", 443, "/user"));
        }

        @Test
        void urlHostIsLowerCased() {
            Route route = Route.parse("https://GitLab.COM/api/");
            assertEquals("gitlab.com", route.host());
            assertTrue(route.matches("gitlab.com", 443, "/api/v4"));
        }
    }

    @Nested
    class RegexRoutes {
        private final Route googleapis = Route.parse("regex:^[a-z0-9.-]+\\.googleapis\\.com$");

        @Test
        void isARegexRouteWithoutHost() {
            assertEquals(Route.Kind.REGEX, googleapis.kind());
            assertNull(googleapis.host());
            assertEquals(-1, googleapis.port());
            assertEquals("/", googleapis.pathPrefix());
        }

        @Test
        void matchesHostsThePatternMatchesWhole() {
            assertTrue(googleapis.matches("www.googleapis.com", 443, "/drive/v3/files"));
            assertTrue(googleapis.matches("sheets.googleapis.com", 443, "/"));
            assertTrue(googleapis.matches("WWW.GoogleAPIs.com", 443, "/"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"googleapis.com.evil.net", "googleapis.com", "www.googleapis.com.evil.net",
                "www.googleapis.co"})
        void doesNotMatchHostsThePatternDoesNotMatchWhole(String host) {
            assertFalse(googleapis.matches(host, 443, "/"));
        }

        @Test
        void unanchoredPatternStillHasToMatchTheWholeHost() {
            Route route = Route.parse("regex:[a-z]+\\.example\\.com");
            assertTrue(route.matches("api.example.com", 443, "/"));
            assertFalse(route.matches("api.example.com.evil.net", 443, "/"));
        }

        @Test
        void patternThatDoesNotCompileIsRejected() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Route.parse("regex:[unclosed"));
            assertTrue(e.getMessage().contains("does not compile"), e.getMessage());
        }

        @Test
        void emptyPatternIsRejected() {
            assertThrows(IllegalArgumentException.class, () -> Route.parse("regex:"));
        }
    }

    @Nested
    class Rejections {
        @Test
        void httpUrlOnPublicHostIsRejected() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Route.parse("http://api.example.com/v1/"));
            assertTrue(e.getMessage().contains("https"), e.getMessage());
        }

        @ParameterizedTest
        @ValueSource(strings = {"http://127.0.0.1:8080/api/", "http://localhost/", "http://[::1]:9000/v1/"})
        void httpUrlOnLoopbackIsAccepted(String spec) {
            Route route = Route.parse(spec);
            assertTrue(route.host().equals("127.0.0.1") || route.host().equals("localhost")
                    || route.host().equals("[::1]"), route.host());
        }

        @Test
        void httpOnLoopbackMatchesRequests() {
            Route route = Route.parse("http://127.0.0.1:8080/api/");
            assertEquals(Route.Kind.PREFIX, route.kind());
            assertTrue(route.matches("127.0.0.1", 8080, "/api/items"));
            assertFalse(route.matches("127.0.0.1", 8081, "/api/items"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"ftp://files.example.com/", "ws://api.example.com/"})
        void otherSchemesAreRejected(String spec) {
            assertThrows(IllegalArgumentException.class, () -> Route.parse(spec));
        }

        @ParameterizedTest
        @ValueSource(strings = {"not a host/x", "api.github.com/user", "-bad.example.com", "exa mple.com",
                "example.com:", "host_with_underscore.com"})
        void garbageIsRejected(String spec) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Route.parse(spec));
            assertTrue(e.getMessage().contains("is not a host name"), e.getMessage());
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "   "})
        void emptyIsRejected(String spec) {
            assertThrows(IllegalArgumentException.class, () -> Route.parse(spec));
        }

        @Test
        void nullIsRejected() {
            assertThrows(NullPointerException.class, () -> Route.parse(null));
        }

        @ParameterizedTest
        @ValueSource(strings = {"https://gitlab.com/api/?x=1", "https://gitlab.com/api/#top"})
        void urlWithQueryOrFragmentIsRejected(String spec) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Route.parse(spec));
            assertTrue(e.getMessage().contains("query or fragment"), e.getMessage());
        }

        @Test
        void urlWithoutHostIsRejected() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Route.parse("https:///api/"));
            assertTrue(e.getMessage().contains("no host") || e.getMessage().contains("not a valid URL"),
                    e.getMessage());
        }

        @Test
        void malformedUrlIsRejected() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Route.parse("https://gitlab.com/a b/"));
            assertTrue(e.getMessage().contains("not a valid URL"), e.getMessage());
        }
    }

    @Nested
    class SameTarget {
        @Test
        void bareHostAndHttpsUrlOfThatHostAreTheSameTarget() {
            assertTrue(Route.parse("api.github.com").sameTarget(Route.parse("https://api.github.com/")));
            assertTrue(Route.parse("https://api.github.com").sameTarget(Route.parse("api.github.com")));
        }

        @Test
        void hostCaseDoesNotMatter() {
            assertTrue(Route.parse("API.GITHUB.COM").sameTarget(Route.parse("api.github.com")));
        }

        @Test
        void differentHostsAreDifferentTargets() {
            assertFalse(Route.parse("api.github.com").sameTarget(Route.parse("uploads.github.com")));
        }

        @Test
        void differentPortsAreDifferentTargets() {
            assertFalse(Route.parse("localhost:8080").sameTarget(Route.parse("localhost:8081")));
            assertFalse(Route.parse("localhost:8080").sameTarget(Route.parse("localhost")));
        }

        @Test
        void prefixDiffersFromWholeHostAndFromOtherPrefix() {
            Route prefix = Route.parse("https://gitlab.com/api/");
            assertFalse(prefix.sameTarget(Route.parse("gitlab.com")));
            assertFalse(prefix.sameTarget(Route.parse("https://gitlab.com/api/v4/")));
            assertTrue(prefix.sameTarget(Route.parse("https://GITLAB.com/api/")));
        }

        @Test
        void regexRoutesWithTheSamePatternAreTheSameTarget() {
            Route a = Route.parse("regex:^[a-z]+\\.example\\.com$");
            Route b = Route.parse("regex:^[a-z]+\\.example\\.com$");
            assertTrue(a.sameTarget(b));
            assertFalse(a.sameTarget(Route.parse("regex:^[a-z]+\\.example\\.org$")));
        }

        @Test
        void regexAndHostRoutesAreNeverTheSameTarget() {
            Route regex = Route.parse("regex:^api\\.github\\.com$");
            Route host = Route.parse("api.github.com");
            assertFalse(regex.sameTarget(host));
            assertFalse(host.sameTarget(regex));
        }
    }

    @Nested
    class Identity {
        @Test
        void equalityAndHashCodeFollowTheSpec() {
            assertEquals(Route.parse("api.github.com"), Route.parse("api.github.com"));
            assertEquals(Route.parse("api.github.com").hashCode(), Route.parse("api.github.com").hashCode());
            assertFalse(Route.parse("api.github.com").equals(Route.parse("https://api.github.com")));
        }

        @Test
        void toStringIsTheSpec() {
            assertEquals("https://gitlab.com/api/", Route.parse("https://gitlab.com/api/").toString());
        }
    }
}
