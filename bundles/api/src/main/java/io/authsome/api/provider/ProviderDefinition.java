package io.authsome.api.provider;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A validated provider definition. Instances are only built by the provider extender from JSON
 * that passed validation, so every field holds what its JSON field promised.
 *
 * @param schemaVersion  the {@code schema_version} the definition was written against
 * @param name           unique name, {@code ^[a-z0-9][a-z0-9_-]*$}
 * @param displayName    name shown to people
 * @param authType       how the provider authenticates
 * @param flow           default login flow; {@code login --flow} may choose another
 * @param routes         requests that carry this provider's credential ({@code api_url})
 * @param baseUrlRoutes  route templates used instead of {@code routes} when a connection sets its
 *                       own base URL, e.g. {@code {base_url}/api/v3/} for GitHub Enterprise
 * @param injection      the header that carries the credential
 * @param oauth          the OAuth section; {@code null} for API-key providers
 * @param apiKey         the API-key section; {@code null} for OAuth providers
 * @param exportEnv      credential field ({@code access_token}, {@code api_key}) to the environment
 *                       variable names it is exported under
 * @param docsUrl        where to read about the provider's credentials, or {@code null}
 * @param document       the definition as JSON values (maps, lists, strings, numbers, booleans),
 *                       for {@code inspect}
 * @param injector       the id of the provider plugin ({@code io.authsome.api.plugin}) that logs
 *                       in and injects for {@code auth_type plugin}, else {@code null} (since 2.1)
 */
public record ProviderDefinition(
        int schemaVersion,
        String name,
        String displayName,
        AuthType authType,
        Flow flow,
        List<Route> routes,
        List<String> baseUrlRoutes,
        HeaderInjection injection,
        OAuthSettings oauth,
        ApiKeySettings apiKey,
        Map<String, List<String>> exportEnv,
        String docsUrl,
        Map<String, Object> document,
        String injector) {

    /** The schema version this runtime reads. */
    public static final int SCHEMA_VERSION = 1;
    /** Credential field of OAuth providers in {@link #exportEnv()}. */
    public static final String ACCESS_TOKEN = "access_token";
    /** Credential field of API-key providers in {@link #exportEnv()}. */
    public static final String API_KEY = "api_key";

    public ProviderDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(authType, "authType");
        Objects.requireNonNull(flow, "flow");
        Objects.requireNonNull(injection, "injection");
        routes = List.copyOf(routes);
        baseUrlRoutes = List.copyOf(baseUrlRoutes);
        exportEnv = Map.copyOf(exportEnv);
        document = Collections.unmodifiableMap(new LinkedHashMap<>(document));
        if ((authType == AuthType.PLUGIN) != (injector != null)) {
            throw new IllegalArgumentException("an injector is named by, and only by, a plugin provider");
        }
    }

    /** A definition of a provider without a plugin. */
    public ProviderDefinition(int schemaVersion, String name, String displayName, AuthType authType, Flow flow,
                              List<Route> routes, List<String> baseUrlRoutes, HeaderInjection injection,
                              OAuthSettings oauth, ApiKeySettings apiKey, Map<String, List<String>> exportEnv,
                              String docsUrl, Map<String, Object> document) {
        this(schemaVersion, name, displayName, authType, flow, routes, baseUrlRoutes, injection, oauth, apiKey,
                exportEnv, docsUrl, document, null);
    }

    /**
     * The environment variable names of the provider's credential, in order: for a plugin
     * provider, those of every exported field.
     */
    public List<String> envNames() {
        if (authType == AuthType.PLUGIN) {
            return exportEnv.values().stream().flatMap(List::stream).toList();
        }
        return exportEnv.getOrDefault(authType == AuthType.OAUTH2 ? ACCESS_TOKEN : API_KEY, List.of());
    }
}
