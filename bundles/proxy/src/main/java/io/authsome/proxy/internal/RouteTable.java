package io.authsome.proxy.internal;

import io.authsome.api.provider.OAuthSettings;
import io.authsome.api.provider.Provider;
import io.authsome.api.provider.Route;
import io.authsome.api.vault.ConnectionState;
import io.authsome.api.provider.Loopback;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which provider's credential a request carries. Only providers with a connection or a stored
 * OAuth client take part. The most
 * specific route wins: the longest path prefix, then an exact host over a regex; two providers
 * equally specific make the request ambiguous, and it is sent without a credential. A provider's
 * own OAuth endpoints never receive one. For an agent of the shared proxy, the routes of the
 * providers it may not use are withheld: a request they cover better than any allowed route
 * gets no credential. Immutable and thread-safe.
 */
final class RouteTable {
    /** The outcome for one request. */
    sealed interface Decision permits Inject, Pass, Ambiguous, Withheld {
    }

    /** Inject the credential of {@code target}'s connection; {@code route} is the route that matched. */
    record Inject(Target target, Route route) implements Decision {
        Provider provider() {
            return target.provider();
        }
    }

    /** Send the request as it is: no route matches, or it goes to an OAuth endpoint. */
    record Pass(String reason) implements Decision {
    }

    /** Two or more providers match equally well. */
    record Ambiguous(List<String> providers) implements Decision {
    }

    /** The request is for the API of {@code provider}, which the client may not use: no credential. */
    record Withheld(String provider) implements Decision {
    }

    /**
     * A provider taking part: the connection whose credential it injects ({@code null} when only an
     * OAuth client is stored), its state when the run started, and its routes (those of the
     * definition, or the definition's base URL templates filled in for a connection with its own
     * {@code base_url}), and the connection's non-secret attributes (none without a connection),
     * which give a plugin provider's child the values of its fields that are not secret.
     */
    record Target(Provider provider, String connection, List<Route> routes, ConnectionState state,
                  Map<String, String> attributes) {
        Target {
            routes = List.copyOf(routes);
            attributes = Map.copyOf(attributes);
        }

        /** A target without attributes. */
        Target(Provider provider, String connection, List<Route> routes, ConnectionState state) {
            this(provider, connection, routes, state, Map.of());
        }
    }

    private record Entry(Target target, Route route) {
        Provider provider() {
            return target.provider();
        }
    }

    private record WithheldRoute(String provider, Route route) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final List<URI> oauthEndpoints = new ArrayList<>();
    private final List<WithheldRoute> withheld = new ArrayList<>();

    /** The table of {@code targets}, the providers that have a connection to inject. */
    RouteTable(List<Target> targets) {
        this(targets, List.of());
    }

    /**
     * The table of {@code targets}, with the routes of {@code withheld}: providers whose API the
     * client may not use (the shared proxy's agents), whose requests get no credential and are told
     * apart in the audit trail.
     */
    RouteTable(List<Target> targets, List<Provider> withheld) {
        for (Provider provider : withheld) {
            provider.definition().routes().forEach(route -> this.withheld.add(new WithheldRoute(provider.name(), route)));
        }
        for (Target target : targets) {
            Provider provider = target.provider();
            target.routes().forEach(route -> entries.add(new Entry(target, route)));
            OAuthSettings oauth = provider.definition().oauth();
            if (oauth != null) {
                for (String url : new String[] {oauth.authorizationUrl(), oauth.tokenUrl(), oauth.revocationUrl(),
                        oauth.deviceAuthorizationUrl(), oauth.registrationEndpoint()}) {
                    String expanded = oauth.expand(url, null);
                    if (expanded != null && !expanded.contains(OAuthSettings.BASE_URL_PLACEHOLDER)) {
                        oauthEndpoints.add(URI.create(expanded));
                    }
                }
            }
        }
    }

    /** The hosts that routes name literally (not by a pattern), each once: those whose leaves a new proxy prepares. */
    List<String> hosts() {
        return entries.stream().map(entry -> entry.route().host()).filter(java.util.Objects::nonNull)
                .map(host -> host.toLowerCase(java.util.Locale.ROOT)).distinct().toList();
    }

    /** Whether a CONNECT to {@code host}:{@code port} may carry a credential, so TLS is intercepted. */
    boolean intercepts(String host, int port) {
        return entries.stream().anyMatch(entry -> entry.route().matches(host, port, entry.route().pathPrefix()));
    }

    /** The withheld provider whose route covers a CONNECT to {@code host}:{@code port}, or {@code null}. */
    String withheld(String host, int port) {
        return withheld.stream().filter(entry -> entry.route().matches(host, port, entry.route().pathPrefix()))
                .map(WithheldRoute::provider).findFirst().orElse(null);
    }

    /**
     * The decision for a request to {@code target}. A request in plain HTTP gets no credential
     * unless it stays on this machine: a credential never crosses the network unencrypted.
     */
    Decision decide(Exchange.Target target) {
        if (!target.secure() && !Loopback.isLoopback(target.host())) {
            return new Pass("plain http");
        }
        return decide(target.host(), target.port(), target.path());
    }

    Decision decide(String host, int port, String path) {
        if (isOAuthEndpoint(host, port, path)) {
            return new Pass("oauth endpoint");
        }
        // Loops, not streams: this runs for every request the proxy forwards.
        Entry best = null;
        boolean tied = false;
        for (Entry entry : entries) {
            if (!entry.route().matches(host, port, path)) {
                continue;
            }
            if (best == null || specificity(entry) > specificity(best)) {
                best = entry;
                tied = false;
            } else if (specificity(entry) == specificity(best) && !entry.provider().name().equals(best.provider().name())) {
                tied = true;
            }
        }
        WithheldRoute refused = null;
        for (WithheldRoute entry : withheld) {
            if (entry.route().matches(host, port, path)
                    && (refused == null || routeSpecificity(entry.route()) > routeSpecificity(refused.route()))) {
                refused = entry;
            }
        }
        if (refused != null && (best == null || routeSpecificity(refused.route()) > specificity(best))) {
            // Meant for a provider the client may not use: no credential, not even that of an allowed provider
            // whose route covers it less well (a whole host, where the other has a path).
            return new Withheld(refused.provider());
        }
        if (best == null) {
            return new Pass("no route");
        }
        if (best.route().kind() == Route.Kind.REGEX && isOAuthHost(host)) {
            // A pattern such as *.googleapis.com also covers oauth2.googleapis.com, which must never get one.
            return new Pass("oauth endpoint host");
        }
        return tied ? new Ambiguous(providersMatching(host, port, path, specificity(best)))
                : new Inject(best.target(), best.route());
    }

    /** The providers, each once, with a route for the request as specific as {@code specificity}. */
    private List<String> providersMatching(String host, int port, String path, int specificity) {
        List<String> providers = new ArrayList<>();
        for (Entry entry : entries) {
            if (specificity(entry) == specificity && entry.route().matches(host, port, path)
                    && !providers.contains(entry.provider().name())) {
                providers.add(entry.provider().name());
            }
        }
        return providers;
    }

    /** Longer path prefixes first; at equal length an exact host beats a regex. */
    private static int specificity(Entry entry) {
        return routeSpecificity(entry.route());
    }

    private static int routeSpecificity(Route route) {
        int kind = route.kind() == Route.Kind.REGEX ? 0 : 1;
        return route.pathPrefix().length() * 2 + kind;
    }

    private boolean isOAuthHost(String host) {
        return oauthEndpoints.stream().anyMatch(endpoint -> host.equalsIgnoreCase(endpoint.getHost()));
    }

    private boolean isOAuthEndpoint(String host, int port, String path) {
        String h = host.toLowerCase(Locale.ROOT);
        for (URI endpoint : oauthEndpoints) {
            int endpointPort = endpoint.getPort() != -1 ? endpoint.getPort()
                    : "http".equals(endpoint.getScheme()) ? 80 : 443;
            String endpointPath = endpoint.getRawPath() == null || endpoint.getRawPath().isEmpty() ? "/" : endpoint.getRawPath();
            if (h.equals(endpoint.getHost()) && port == endpointPort && path.startsWith(endpointPath)) {
                return true;
            }
        }
        return false;
    }
}
