package io.authsome.proxy.internal;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.provider.OAuthSettings;
import io.authsome.api.provider.Provider;
import io.authsome.api.provider.ProviderCatalog;
import io.authsome.api.provider.Route;
import io.authsome.api.vault.ConnectionInfo;
import io.authsome.api.vault.ConnectionState;
import io.authsome.api.vault.ProfileStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The providers a run routes: every provider with a connection in the profile, each with its
 * default connection or the one chosen with {@code --connection provider=name}, and, when the
 * proxy answers for unusable credentials, every provider with only a stored OAuth client
 * ({@code configured}). With {@code proxy.unconnected} = {@code pass}, {@code invalid}
 * connections are left out, so their hosts are not intercepted. Read from the profile index and
 * the presence of client records; no record is decrypted.
 */
final class RunTargets {
    private RunTargets() {
    }

    /** @param answerUnusable whether providers without a usable credential are routed, for the proxy to answer */
    static List<RouteTable.Target> of(ProviderCatalog catalog, ProfileStore store, Map<String, String> chosen,
                                      boolean answerUnusable) throws AuthsomeException {
        return of(catalog, store, chosen, answerUnusable, provider -> true);
    }

    /**
     * The targets of the providers that {@code allowed} accepts only (an agent of the shared proxy):
     * the others are not read at all.
     */
    static List<RouteTable.Target> of(ProviderCatalog catalog, ProfileStore store, Map<String, String> chosen,
                                      boolean answerUnusable, Predicate<String> allowed) throws AuthsomeException {
        Map<String, ConnectionInfo> picked = new LinkedHashMap<>();
        for (Map.Entry<String, String> choice : chosen.entrySet()) {
            catalog.require(choice.getKey());
            picked.put(choice.getKey(), store.connections(choice.getKey()).stream()
                    .filter(info -> info.name().equals(choice.getValue())).findFirst()
                    .orElseThrow(() -> new AuthsomeException(ErrorCode.CONNECTION_NOT_FOUND, choice.getKey()
                            + " has no connection '" + choice.getValue() + "' in profile " + store.name(),
                            "authsome login " + choice.getKey() + " --connection " + choice.getValue())));
        }
        for (ConnectionInfo info : store.connections()) {
            if (info.isDefault() && allowed.test(info.provider())) {
                picked.putIfAbsent(info.provider(), info);
            }
        }
        List<RouteTable.Target> targets = new ArrayList<>();
        for (ConnectionInfo info : picked.values()) {
            Optional<Provider> provider = catalog.find(info.provider());
            if (provider.isPresent() && (answerUnusable || info.state() != ConnectionState.INVALID)) {
                targets.add(new RouteTable.Target(provider.get(), info.name(), routes(provider.get(), info), info.state(),
                        info.attributes()));
            }
        }
        if (answerUnusable) {
            for (Provider provider : catalog.providers()) {
                if (!picked.containsKey(provider.name()) && allowed.test(provider.name())
                        && hasClient(store, provider.name())) {
                    targets.add(new RouteTable.Target(provider, null, provider.definition().routes(),
                            ConnectionState.CONFIGURED));
                }
            }
        }
        return targets;
    }

    /** A damaged client record counts as none here; doctor names it. */
    private static boolean hasClient(ProfileStore store, String provider) {
        try {
            return store.client(provider).isPresent();
        } catch (AuthsomeException damaged) {
            return false;
        }
    }

    /** The definition's routes, or its base URL templates filled in when the connection has its own base URL. */
    private static List<Route> routes(Provider provider, ConnectionInfo info) throws AuthsomeException {
        String baseUrl = info.attributes().get("base_url");
        List<String> templates = provider.definition().baseUrlRoutes();
        if (baseUrl == null || templates.isEmpty()) {
            return provider.definition().routes();
        }
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        List<Route> routes = new ArrayList<>();
        for (String template : templates) {
            try {
                routes.add(Route.parse(template.replace(OAuthSettings.BASE_URL_PLACEHOLDER, base)));
            } catch (IllegalArgumentException e) {
                throw new AuthsomeException(ErrorCode.INVALID_INPUT, "the base URL of " + info.provider() + "/"
                        + info.name() + " gives an invalid route: " + e.getMessage(),
                        "authsome login " + info.provider() + " --connection " + info.name() + " --base-url URL --force");
            }
        }
        return routes;
    }
}
