package io.authsome.providers.internal;

import io.authsome.api.provider.ApiKeySettings;
import io.authsome.api.provider.AuthType;
import io.authsome.api.provider.ClientAuthentication;
import io.authsome.api.provider.Flow;
import io.authsome.api.provider.HeaderFormat;
import io.authsome.api.provider.HeaderInjection;
import io.authsome.api.provider.InvalidProviderException;
import io.authsome.api.provider.OAuthSettings;
import io.authsome.api.provider.ProviderDefinition;
import io.authsome.api.provider.RevocationStyle;
import io.authsome.api.provider.Route;
import io.authsome.api.provider.TokenRequestFormat;
import io.authsome.common.json.Json;
import io.authsome.common.json.MalformedJsonException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Parses and validates provider JSON into a {@link ProviderDefinition}. Every problem found is
 * reported at once, each naming its field. Thread-safe.
 */
public final class ProviderParser {
    static final Pattern NAME = Pattern.compile("^[a-z0-9][a-z0-9_-]*$");
    /** The longest provider name: it names files and is typed on command lines. */
    static final int MAX_NAME_LENGTH = 64;
    /** A plugin id, as provider JSON names it in {@code injector}. */
    private static final Pattern PLUGIN_ID = Pattern.compile("^[a-z0-9][a-z0-9_.-]*$");
    /** A credential field of a plugin provider, as {@code export.env} names it. */
    private static final Pattern FIELD_NAME = Pattern.compile("^[a-z][a-z0-9_]*$");
    private static final Pattern ENV_NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*$");
    private static final Set<String> TOP_LEVEL = Set.of("schema_version", "name", "display_name", "auth_type",
            "flow", "api_url", "base_url_api_url", "oauth", "api_key", "export", "docs_url", "description", "injector");
    private static final Set<String> OAUTH = Set.of("authorization_url", "token_url", "revocation_url",
            "device_authorization_url", "registration_endpoint", "issuer", "base_url", "scopes", "pkce",
            "supports_device_code", "supports_dcr", "extra_authorize_params", "client_auth",
            "revocation_style", "token_request_format", "token_response_path");
    private static final Set<String> API_KEY = Set.of("header_name", "header_prefix", "header_format",
            "key_pattern", "key_pattern_hint", "env_var");

    /**
     * @param origin how problems name the source: a file path, or bundle and entry
     * @throws InvalidProviderException with every problem found
     */
    public ProviderDefinition parse(byte[] json, String origin) throws InvalidProviderException {
        Problems problems = new Problems(origin);
        Map<String, Object> root;
        try {
            root = Json.parseObject(json);
        } catch (MalformedJsonException e) {
            problems.add(null, "not valid JSON: " + e.getMessage());
            throw new InvalidProviderException(problems.list());
        }
        JsonFields top = new JsonFields(root, "", problems);
        if (!supportedSchema(root, problems)) {
            throw new InvalidProviderException(problems.list());
        }
        top.rejectUnknown(TOP_LEVEL);
        ProviderDefinition definition = definition(root, top);
        if (!problems.isEmpty()) {
            throw new InvalidProviderException(problems.list());
        }
        return definition;
    }

    private static boolean supportedSchema(Map<String, Object> root, Problems problems) {
        Object version = root.get("schema_version");
        if (version == null) {
            return true;
        }
        if (!(version instanceof Long number) || number != ProviderDefinition.SCHEMA_VERSION) {
            problems.add("schema_version", "unsupported schema_version " + version
                    + " (this runtime reads " + ProviderDefinition.SCHEMA_VERSION + ")");
            return false;
        }
        return true;
    }

    private ProviderDefinition definition(Map<String, Object> root, JsonFields top) {
        Problems problems = top.problems();
        String name = top.requiredString("name", "for every provider").orElse(null);
        if (name != null && name.length() > MAX_NAME_LENGTH) {
            problems.add("name", "is " + name.length() + " characters long; at most " + MAX_NAME_LENGTH);
            name = null;
        } else if (name != null && !NAME.matcher(name).matches()) {
            problems.add("name", "'" + name + "' must match " + NAME.pattern()
                    + " (lower case letters, digits, '-' and '_')");
        }
        AuthType authType = top.has("auth_type")
                ? top.identified("auth_type", AuthType.class).orElse(null)
                : missing(problems, "auth_type", "for every provider");
        Flow flow = flow(top, authType);
        Optional<JsonFields> oauthFields = top.object("oauth");
        Optional<JsonFields> apiKeyFields = top.object("api_key");
        OAuthSettings oauth = null;
        ApiKeySettings apiKey = null;
        HeaderInjection injection = HeaderInjection.BEARER;
        if (authType == AuthType.OAUTH2) {
            if (oauthFields.isEmpty()) {
                problems.add("oauth", "required for auth_type oauth2");
            } else {
                oauth = oauth(oauthFields.get(), flow);
            }
            if (apiKeyFields.isPresent()) {
                problems.add("api_key", "only for auth_type api_key");
            }
        } else if (authType == AuthType.API_KEY || authType == AuthType.PLUGIN) {
            if (oauthFields.isPresent()) {
                problems.add("oauth", "only for auth_type oauth2");
            }
            JsonFields fields = apiKeyFields.orElse(new JsonFields(Map.of(), "api_key", problems));
            if (authType == AuthType.PLUGIN) {
                // a minted token is sent with the header template; the rest is the plugin's
                fields.rejectUnknown(Set.of("header_name", "header_prefix", "header_format"));
            }
            apiKey = apiKey(fields);
            injection = injection(fields);
            if (fields.has("header_prefix")) {
                // the document shows what is sent: a normalised prefix (see InjectionHeader)
                apiKeyDocument(root).put("header_prefix", injection.prefix());
            }
        }
        String baseUrl = oauth == null ? null : oauth.baseUrl();
        List<Route> routes = routes(top, "api_url");
        List<String> baseUrlRoutes = top.stringOrList("base_url_api_url");
        checkBaseUrlRoutes(top, baseUrlRoutes, baseUrl);
        Map<String, List<String>> env = exportEnv(top, name, authType);
        String displayName = top.printable("display_name").orElse(name);
        top.printable("description");
        String docsUrl = top.string("docs_url").map(url -> Urls.check(top, "docs_url", url, null)).orElse(null);
        String injector = injector(top, authType);
        if (!problems.isEmpty()) {
            return null;
        }
        return new ProviderDefinition(ProviderDefinition.SCHEMA_VERSION, name,
                displayName, authType, flow, routes, baseUrlRoutes, injection,
                oauth, apiKey, env, docsUrl, document(root), injector);
    }

    private static String injector(JsonFields top, AuthType authType) {
        if (authType != AuthType.PLUGIN) {
            if (top.has("injector")) {
                top.problems().add("injector", "only for auth_type plugin");
            }
            return null;
        }
        String id = top.requiredString("injector", "for auth_type plugin").orElse(null);
        if (id != null && !PLUGIN_ID.matcher(id).matches()) {
            top.problems().add("injector", "'" + id + "' must match " + PLUGIN_ID.pattern());
        }
        return id;
    }

    /** The definition as plain JSON values; null members mean "absent" and are left out. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> document(Map<String, Object> root) {
        return (Map<String, Object>) withoutNulls(root);
    }

    private static Object withoutNulls(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, member) -> {
                if (member != null) {
                    copy.put((String) key, withoutNulls(member));
                }
            });
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ProviderParser::withoutNulls).toList();
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> apiKeyDocument(Map<String, Object> root) {
        return (Map<String, Object>) root.get("api_key");
    }

    private static <T> T missing(Problems problems, String field, String why) {
        problems.add(field, "required " + why);
        return null;
    }

    private static Flow flow(JsonFields top, AuthType authType) {
        if (authType == null) {
            return null;
        }
        if (!top.has("flow")) {
            return switch (authType) {
                case OAUTH2 -> Flow.PKCE;
                case API_KEY -> Flow.API_KEY;
                case PLUGIN -> Flow.FIELDS;
            };
        }
        Flow flow = top.identified("flow", Flow.class).orElse(null);
        if (flow != null && flow.authType() != authType) {
            top.problems().add("flow", "'" + flow.id() + "' is not a flow of auth_type " + authType.id());
            return null;
        }
        return flow;
    }

    private OAuthSettings oauth(JsonFields fields, Flow flow) {
        fields.rejectUnknown(OAUTH);
        String baseUrl = fields.string("base_url").map(url -> Urls.check(fields, "base_url", url, null)).orElse(null);
        String issuer = fields.string("issuer").map(url -> Urls.check(fields, "issuer", url, null)).orElse(null);
        boolean discovered = issuer != null;
        String authorization = url(fields, "authorization_url", baseUrl,
                !discovered && (flow == Flow.PKCE || flow == Flow.DCR_PKCE), "for flow " + idOf(flow));
        String token = url(fields, "token_url", baseUrl, !discovered, "for auth_type oauth2");
        String device = url(fields, "device_authorization_url", baseUrl,
                !discovered && flow == Flow.DEVICE_CODE, "for flow device_code");
        String registration = url(fields, "registration_endpoint", baseUrl,
                !discovered && flow == Flow.DCR_PKCE, "for flow dcr_pkce");
        String revocation = url(fields, "revocation_url", baseUrl, false, "");
        checkClaim(fields, "supports_device_code", device != null || discovered, "device_authorization_url");
        checkClaim(fields, "supports_dcr", registration != null || discovered, "registration_endpoint");
        List<String> scopes = fields.scopes("scopes");
        boolean pkce = fields.bool("pkce").orElse(true);
        Map<String, String> extra = fields.stringMap("extra_authorize_params");
        ClientAuthentication clientAuth = fields.identified("client_auth", ClientAuthentication.class)
                .orElse(ClientAuthentication.CLIENT_SECRET_POST);
        RevocationStyle revocationStyle = fields.identified("revocation_style", RevocationStyle.class)
                .orElse(RevocationStyle.RFC7009);
        TokenRequestFormat requestFormat = fields.identified("token_request_format", TokenRequestFormat.class)
                .orElse(TokenRequestFormat.FORM);
        String responsePath = fields.string("token_response_path").orElse(null);
        return new OAuthSettings(authorization, token, revocation, device, registration, issuer, baseUrl, scopes,
                pkce, extra, clientAuth, revocationStyle, requestFormat, responsePath);
    }

    private static String idOf(Flow flow) {
        return flow == null ? "?" : flow.id();
    }

    private static String url(JsonFields fields, String name, String baseUrl, boolean required, String why) {
        Optional<String> value = required ? fields.requiredString(name, why) : fields.string(name);
        return value.map(url -> Urls.check(fields, name, url, baseUrl)).orElse(null);
    }

    private static void checkClaim(JsonFields fields, String name, boolean backed, String endpoint) {
        if (fields.bool(name).orElse(false) && !backed) {
            fields.problems().add(fields.field(name), "is true but " + fields.field(endpoint) + " is not set");
        }
    }

    private static ApiKeySettings apiKey(JsonFields fields) {
        fields.rejectUnknown(API_KEY);
        Pattern keyPattern = fields.string("key_pattern").map(regex -> {
            try {
                return Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                fields.problems().add(fields.field("key_pattern"), "regex does not compile: " + e.getDescription());
                return null;
            }
        }).orElse(null);
        String hint = fields.printable("key_pattern_hint").orElse(null);
        String envVar = fields.string("env_var").orElse(null);
        if (envVar != null) {
            variableProblem(envVar).ifPresent(problem -> fields.problems().add(fields.field("env_var"), problem));
        }
        return new ApiKeySettings(keyPattern, hint, envVar);
    }

    /** Why {@code name} cannot be a provider's variable: not a name, or a reserved one. */
    private static Optional<String> variableProblem(String name) {
        if (!ENV_NAME.matcher(name).matches()) {
            return Optional.of("'" + name + "' is not an environment variable name");
        }
        return ReservedVariables.reason(name);
    }

    private static HeaderInjection injection(JsonFields fields) {
        String header = fields.string("header_name").orElse(InjectionHeader.AUTHORIZATION);
        String nameProblem = InjectionHeader.nameProblem(header);
        if (nameProblem != null) {
            fields.problems().add(fields.field("header_name"), nameProblem);
        }
        HeaderFormat format = fields.identified("header_format", HeaderFormat.class).orElse(HeaderFormat.RAW);
        if (format == HeaderFormat.BASIC && fields.has("header_prefix")) {
            fields.problems().add(fields.field("header_prefix"), "not used with header_format basic");
        }
        String prefix = fields.has("header_prefix")
                ? fields.text("header_prefix").orElse("")
                : (header.equalsIgnoreCase(InjectionHeader.AUTHORIZATION) ? "Bearer " : "");
        String prefixProblem = InjectionHeader.prefixProblem(prefix);
        if (prefixProblem != null) {
            fields.problems().add(fields.field("header_prefix"), prefixProblem);
        }
        return new HeaderInjection(header, InjectionHeader.normalisedPrefix(header, prefix), format);
    }

    private static List<Route> routes(JsonFields top, String name) {
        List<Route> routes = new ArrayList<>();
        if (!top.has(name)) {
            top.problems().add(name, "required: the hosts or URLs whose requests carry the credential");
            return routes;
        }
        List<String> specs = top.stringOrList(name);
        if (top.isArray(name) && specs.isEmpty() && top.arraySize(name) == 0) {
            top.problems().add(name, "must name at least one host or URL");
        }
        for (int i = 0; i < specs.size(); i++) {
            String field = top.isArray(name) ? name + "[" + i + "]" : name;
            String spec = specs.get(i);
            if (spec.contains(OAuthSettings.BASE_URL_PLACEHOLDER)) {
                top.problems().add(field, "{base_url} is only allowed in base_url_api_url and oauth URLs");
                continue;
            }
            try {
                Route route = Route.parse(spec);
                if (RouteBreadth.matchesEveryHost(route)) {
                    top.problems().add(field, "'" + spec + "' matches every host, so the credential would go to"
                            + " any server a program calls; name the provider's API hosts");
                } else {
                    routes.add(route);
                }
            } catch (IllegalArgumentException e) {
                top.problems().add(field, e.getMessage());
            }
        }
        return routes;
    }

    private static void checkBaseUrlRoutes(JsonFields top, List<String> templates, String baseUrl) {
        for (String template : templates) {
            if (!template.contains(OAuthSettings.BASE_URL_PLACEHOLDER)) {
                top.problems().add("base_url_api_url", "'" + template + "' must contain {base_url}");
                continue;
            }
            String example = template.replace(OAuthSettings.BASE_URL_PLACEHOLDER,
                    baseUrl == null ? "https://example.com" : Urls.trimSlash(baseUrl));
            try {
                Route.parse(example);
            } catch (IllegalArgumentException e) {
                top.problems().add("base_url_api_url", e.getMessage());
            }
        }
    }

    private static Map<String, List<String>> exportEnv(JsonFields top, String name, AuthType authType) {
        Map<String, List<String>> env = new LinkedHashMap<>();
        top.object("export").ifPresent(export -> {
            export.rejectUnknown(Set.of("env"));
            export.object("env").ifPresent(envFields -> {
                List<String> keys;
                if (authType == AuthType.PLUGIN) {
                    // the plugin's fields, and access_token for a minted token
                    keys = envFields.names();
                    keys.stream().filter(key -> !FIELD_NAME.matcher(key).matches()).forEach(key -> top.problems()
                            .add(envFields.field(key), "is not a field name (" + FIELD_NAME.pattern() + ")"));
                } else {
                    envFields.rejectUnknown(Set.of(ProviderDefinition.ACCESS_TOKEN, ProviderDefinition.API_KEY));
                    keys = List.of(ProviderDefinition.ACCESS_TOKEN, ProviderDefinition.API_KEY);
                }
                for (String key : keys) {
                    List<String> names = envFields.stringOrList(key);
                    for (String envName : names) {
                        variableProblem(envName).ifPresent(problem -> top.problems().add(envFields.field(key), problem));
                    }
                    if (!names.isEmpty()) {
                        env.put(key, names);
                    }
                }
            });
        });
        if (env.isEmpty() && name != null && authType != null) {
            String upper = name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
            String prefix = Character.isDigit(upper.charAt(0)) ? "_" + upper : upper;
            String field = authType == AuthType.API_KEY ? ProviderDefinition.API_KEY : ProviderDefinition.ACCESS_TOKEN;
            String derived = prefix + "_" + field.toUpperCase(Locale.ROOT);
            ReservedVariables.reason(derived).ifPresent(problem -> top.problems().add("export.env",
                    "the variable derived from the name, " + problem + "; set export.env"));
            env.put(field, List.of(derived));
        }
        return env;
    }
}
