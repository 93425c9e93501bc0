package io.authsome.api.provider;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One entry of a provider's {@code api_url}: which requests carry the provider's credential.
 * <ul>
 * <li>{@code api.github.com} or {@code host:port}: every path on that host;</li>
 * <li>{@code https://gitlab.com/api/}: paths under that prefix only;</li>
 * <li>{@code regex:^[a-z0-9.-]+\.googleapis\.com$}: every host the pattern matches whole.</li>
 * </ul>
 * Immutable and thread-safe. Made by {@link #parse}; two routes are equal when their specs are.
 *
 * @param spec        the route as written in the provider JSON
 * @param kind        its shape
 * @param host        the host for HOST and PREFIX routes, {@code null} for REGEX routes
 * @param port        the port the route is limited to, or -1 for any port
 * @param pathPrefix  the path prefix; {@code "/"} when the route covers the whole host
 * @param hostPattern the pattern the whole host must match, for REGEX routes; {@code null} otherwise
 */
public record Route(String spec, Kind kind, String host, int port, String pathPrefix, Pattern hostPattern) {
    /** The three shapes of a route, in increasing precedence for the same request. */
    public enum Kind { REGEX, HOST, PREFIX }

    private static final String REGEX_PREFIX = "regex:";
    private static final Pattern HOST_PATTERN =
            Pattern.compile("^(\\[[0-9a-fA-F:.]+]|[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*)(:\\d{1,5})?$");

    /**
     * A route of the given parts, as {@link #parse} makes it (since 2.0, when Route became a record).
     *
     * @throws IllegalArgumentException when a REGEX route has a host or no pattern, or another kind a pattern or no host
     */
    public Route {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(pathPrefix, "pathPrefix");
        if ((kind == Kind.REGEX) != (hostPattern != null) || (kind != Kind.REGEX) != (host != null)) {
            throw new IllegalArgumentException("route " + spec + ": a REGEX route has a host pattern and no host, any other a host and no pattern");
        }
    }

    /**
     * Parses one route.
     *
     * @throws IllegalArgumentException naming what is wrong with {@code spec}
     */
    public static Route parse(String spec) {
        Objects.requireNonNull(spec, "spec");
        String trimmed = spec.trim();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("empty route");
        }
        if (trimmed.startsWith(REGEX_PREFIX)) {
            return parseRegex(trimmed);
        }
        if (trimmed.contains("://")) {
            return parseUrl(trimmed);
        }
        if (!HOST_PATTERN.matcher(trimmed).matches()) {
            throw new IllegalArgumentException("'" + trimmed + "' is not a host name, a URL or regex:<pattern>");
        }
        HostPort hostPort = HostPort.split(trimmed);
        return new Route(trimmed, Kind.HOST, hostPort.host, hostPort.port, "/", null);
    }

    private static Route parseRegex(String spec) {
        String body = spec.substring(REGEX_PREFIX.length());
        if (body.isEmpty()) {
            throw new IllegalArgumentException("regex: route has no pattern");
        }
        try {
            return new Route(spec, Kind.REGEX, null, -1, "/", Pattern.compile(body, Pattern.CASE_INSENSITIVE));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("regex does not compile: " + e.getDescription()
                    + " near index " + e.getIndex());
        }
    }

    private static Route parseUrl(String spec) {
        URI uri;
        try {
            uri = new URI(spec);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + spec + "' is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("'" + spec + "' has no host");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && Loopback.isLoopback(host))) {
            throw new IllegalArgumentException("'" + spec + "' must use https (http only for loopback hosts)");
        }
        if (uri.getQuery() != null || uri.getFragment() != null) {
            throw new IllegalArgumentException("'" + spec + "' must not have a query or fragment");
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return new Route(spec, path.equals("/") ? Kind.HOST : Kind.PREFIX, host, uri.getPort(), path, null);
    }

    /** Whether a request to {@code host}:{@code port} for {@code path} falls under this route. */
    public boolean matches(String host, int port, String path) {
        String h = host.toLowerCase(Locale.ROOT);
        boolean hostMatches = kind == Kind.REGEX ? hostPattern.matcher(h).matches() : h.equals(this.host);
        if (!hostMatches || (this.port != -1 && this.port != port)) {
            return false;
        }
        return pathPrefix.equals("/") || startsWithSegment(path == null ? "/" : path);
    }

    private boolean startsWithSegment(String path) {
        if (pathPrefix.endsWith("/")) {
            return path.startsWith(pathPrefix);
        }
        return path.equals(pathPrefix) || path.startsWith(pathPrefix + "/");
    }

    /** Whether two routes cover the same requests: the same spec once normalised. */
    public boolean sameTarget(Route other) {
        if (kind == Kind.REGEX || other.kind == Kind.REGEX) {
            return kind == other.kind && hostPattern.pattern().equals(other.hostPattern.pattern());
        }
        return host.equals(other.host) && port == other.port && pathPrefix.equals(other.pathPrefix);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Route other && spec.equals(other.spec);
    }

    @Override
    public int hashCode() {
        return spec.hashCode();
    }

    @Override
    public String toString() {
        return spec;
    }

    private record HostPort(String host, int port) {
        static HostPort split(String value) {
            int colon = value.lastIndexOf(':');
            if (colon > 0 && value.indexOf(']') < colon) {
                int port = Integer.parseInt(value.substring(colon + 1));
                if (port < 1 || port > 65535) {
                    throw new IllegalArgumentException("port out of range in '" + value + "'");
                }
                return new HostPort(value.substring(0, colon).toLowerCase(Locale.ROOT), port);
            }
            return new HostPort(value.toLowerCase(Locale.ROOT), -1);
        }
    }
}
