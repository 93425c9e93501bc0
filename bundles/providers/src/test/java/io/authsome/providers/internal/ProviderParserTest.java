package io.authsome.providers.internal;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.authsome.api.provider.AuthType;
import io.authsome.api.provider.ClientAuthentication;
import io.authsome.api.provider.Flow;
import io.authsome.api.provider.HeaderFormat;
import io.authsome.api.provider.HeaderInjection;
import io.authsome.api.provider.InvalidProviderException;
import io.authsome.api.provider.OAuthSettings;
import io.authsome.api.provider.ProviderDefinition;
import io.authsome.api.provider.ProviderProblem;
import io.authsome.api.provider.RevocationStyle;
import io.authsome.api.provider.Route;
import io.authsome.api.provider.TokenRequestFormat;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProviderParserTest {
    private static final String ORIGIN = "/home/me/.authsome/providers/acme.json";

    /** The smallest api_key provider: every optional field left to its default. */
    static final String MINIMAL_API_KEY = """
            {
              "name": "acme",
              "auth_type": "api_key",
              "api_url": "api.acme.com"
            }
            """;

    /** An oauth2 pkce provider whose endpoints are templated on oauth.base_url, like GitHub. */
    static final String GITHUB_LIKE_PKCE = """
            {
              "schema_version": 1,
              "name": "github",
              "display_name": "GitHub",
              "auth_type": "oauth2",
              "flow": "pkce",
              "api_url": "api.github.com",
              "base_url_api_url": "{base_url}/api/v3/",
              "oauth": {
                "authorization_url": "{base_url}/login/oauth/authorize",
                "token_url": "{base_url}/login/oauth/access_token",
                "device_authorization_url": "{base_url}/login/device/code",
                "base_url": "https://github.com/",
                "scopes": ["repo", "read:user"]
              },
              "export": {
                "env": {
                  "access_token": ["GITHUB_ACCESS_TOKEN", "GH_TOKEN"]
                }
              },
              "docs_url": "https://docs.github.com/en/apps/oauth-apps"
            }
            """;

    /** A minimal valid oauth2 pkce provider with literal endpoints. */
    static final String MINIMAL_PKCE = """
            {
              "name": "linear",
              "auth_type": "oauth2",
              "api_url": "api.linear.app",
              "oauth": {
                "authorization_url": "https://linear.app/oauth/authorize",
                "token_url": "https://api.linear.app/oauth/token"
              }
            }
            """;

    private final ProviderParser parser = new ProviderParser();

    private ProviderDefinition parse(String json) throws InvalidProviderException {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8), ORIGIN);
    }

    /** Parses {@code json}, expects rejection and returns its problems, each checked to carry ORIGIN. */
    private List<ProviderProblem> problemsOf(String json) {
        InvalidProviderException e = assertThrows(InvalidProviderException.class, () -> parse(json));
        List<ProviderProblem> problems = e.problems();
        assertFalse(problems.isEmpty(), "rejected without problems");
        for (ProviderProblem problem : problems) {
            assertEquals(ORIGIN, problem.origin(), problem.toString());
        }
        return problems;
    }

    /** The one problem of {@code problems} for {@code field}, failing with the whole list otherwise. */
    private static ProviderProblem problemFor(List<ProviderProblem> problems, String field) {
        List<ProviderProblem> matching = problems.stream()
                .filter(p -> field == null ? p.field() == null : field.equals(p.field()))
                .toList();
        assertEquals(1, matching.size(), "expected one problem for field " + field + " in " + problems);
        return matching.get(0);
    }

    private static List<String> fields(List<ProviderProblem> problems) {
        return problems.stream().map(ProviderProblem::field).collect(Collectors.toList());
    }

    @Nested
    class ValidDefinitions {
        @Test
        void minimalApiKeyProviderGetsDefaults() throws Exception {
            ProviderDefinition definition = parse(MINIMAL_API_KEY);
            assertAll(
                    () -> assertEquals(ProviderDefinition.SCHEMA_VERSION, definition.schemaVersion()),
                    () -> assertEquals("acme", definition.name()),
                    () -> assertEquals("acme", definition.displayName()),
                    () -> assertEquals(AuthType.API_KEY, definition.authType()),
                    () -> assertEquals(Flow.API_KEY, definition.flow()),
                    () -> assertEquals(new HeaderInjection("Authorization", "Bearer ", HeaderFormat.RAW),
                            definition.injection()),
                    () -> assertEquals("Bearer k", definition.injection().value("k")),
                    () -> assertEquals(List.of("ACME_API_KEY"), definition.envNames()),
                    () -> assertEquals(Map.of(ProviderDefinition.API_KEY, List.of("ACME_API_KEY")),
                            definition.exportEnv()),
                    () -> assertNull(definition.oauth()),
                    () -> assertNotNull(definition.apiKey()),
                    () -> assertNull(definition.apiKey().keyPattern()),
                    () -> assertTrue(definition.apiKey().accepts("anything at all")),
                    () -> assertNull(definition.apiKey().envVar()),
                    () -> assertNull(definition.docsUrl()),
                    () -> assertEquals(List.of(Route.parse("api.acme.com")), definition.routes()),
                    () -> assertEquals(List.of(), definition.baseUrlRoutes()),
                    () -> assertEquals("acme", definition.document().get("name")));
        }

        @Test
        void derivedEnvNameReplacesDashesWithUnderscores() throws Exception {
            ProviderDefinition definition = parse(MINIMAL_API_KEY.replace("\"acme\"", "\"mention-me\""));
            assertEquals(List.of("MENTION_ME_API_KEY"), definition.envNames());
        }

        @Test
        void oauthProviderDerivesAccessTokenEnvName() throws Exception {
            ProviderDefinition definition = parse(MINIMAL_PKCE);
            assertEquals(List.of("LINEAR_ACCESS_TOKEN"), definition.envNames());
            assertEquals(Map.of(ProviderDefinition.ACCESS_TOKEN, List.of("LINEAR_ACCESS_TOKEN")),
                    definition.exportEnv());
        }

        @Test
        void minimalOauthProviderGetsDefaults() throws Exception {
            ProviderDefinition definition = parse(MINIMAL_PKCE);
            OAuthSettings oauth = definition.oauth();
            assertAll(
                    () -> assertEquals(AuthType.OAUTH2, definition.authType()),
                    () -> assertEquals(Flow.PKCE, definition.flow()),
                    () -> assertEquals(HeaderInjection.BEARER, definition.injection()),
                    () -> assertNull(definition.apiKey()),
                    () -> assertTrue(oauth.pkce()),
                    () -> assertEquals(List.of(), oauth.scopes()),
                    () -> assertEquals(Map.of(), oauth.extraAuthorizeParams()),
                    () -> assertEquals(ClientAuthentication.CLIENT_SECRET_POST, oauth.clientAuthentication()),
                    () -> assertEquals(RevocationStyle.RFC7009, oauth.revocationStyle()),
                    () -> assertEquals(TokenRequestFormat.FORM, oauth.tokenRequestFormat()),
                    () -> assertNull(oauth.tokenResponsePath()),
                    () -> assertNull(oauth.revocationUrl()),
                    () -> assertFalse(oauth.supportsDeviceCode()),
                    () -> assertFalse(oauth.supportsDcr()));
        }

        @Test
        void oauthPkceProviderWithBaseUrlTemplates() throws Exception {
            ProviderDefinition definition = parse(GITHUB_LIKE_PKCE);
            OAuthSettings oauth = definition.oauth();
            assertAll(
                    () -> assertEquals("github", definition.name()),
                    () -> assertEquals("GitHub", definition.displayName()),
                    () -> assertEquals(AuthType.OAUTH2, definition.authType()),
                    () -> assertEquals(Flow.PKCE, definition.flow()),
                    () -> assertEquals("https://github.com/", oauth.baseUrl()),
                    // the templates are kept as written, expanded on use
                    () -> assertEquals("{base_url}/login/oauth/authorize", oauth.authorizationUrl()),
                    () -> assertEquals("{base_url}/login/oauth/access_token", oauth.tokenUrl()),
                    () -> assertEquals("https://github.com/login/oauth/access_token",
                            oauth.expand(oauth.tokenUrl(), null)),
                    () -> assertEquals("https://ghe.example.com/login/oauth/authorize",
                            oauth.expand(oauth.authorizationUrl(), "https://ghe.example.com")),
                    () -> assertTrue(oauth.supportsDeviceCode()),
                    () -> assertEquals(List.of("repo", "read:user"), oauth.scopes()),
                    () -> assertEquals(List.of(Route.parse("api.github.com")), definition.routes()),
                    () -> assertEquals(List.of("{base_url}/api/v3/"), definition.baseUrlRoutes()),
                    () -> assertEquals(List.of("GITHUB_ACCESS_TOKEN", "GH_TOKEN"), definition.envNames()),
                    () -> assertEquals("https://docs.github.com/en/apps/oauth-apps", definition.docsUrl()),
                    () -> assertEquals(HeaderInjection.BEARER, definition.injection()));
        }

        @Test
        void apiKeySectionSetsHeaderPatternAndEnvVar() throws Exception {
            ProviderDefinition definition = parse("""
                    {
                      "name": "sendgrid",
                      "auth_type": "api_key",
                      "api_url": ["api.sendgrid.com", "https://api.eu.sendgrid.com/v3/"],
                      "api_key": {
                        "header_name": "X-Api-Key",
                        "key_pattern": "SG\\\\.[A-Za-z0-9_-]+\\\\.[A-Za-z0-9_-]+",
                        "key_pattern_hint": "starts with SG.",
                        "env_var": "SENDGRID_API_KEY"
                      },
                      "export": { "env": { "api_key": "SENDGRID_API_KEY" } }
                    }
                    """);
            assertAll(
                    () -> assertEquals(new HeaderInjection("X-Api-Key", "", HeaderFormat.RAW), definition.injection()),
                    () -> assertTrue(definition.apiKey().accepts("SG.abc.def")),
                    () -> assertFalse(definition.apiKey().accepts("sk-abc")),
                    () -> assertEquals("starts with SG.", definition.apiKey().keyPatternHint()),
                    () -> assertEquals("SENDGRID_API_KEY", definition.apiKey().envVar()),
                    () -> assertEquals(List.of("SENDGRID_API_KEY"), definition.envNames()),
                    () -> assertEquals(2, definition.routes().size()),
                    () -> assertEquals(Route.Kind.PREFIX, definition.routes().get(1).kind()));
        }

        @Test
        void emptyHeaderPrefixMeansNoPrefix() throws Exception {
            ProviderDefinition definition = parse(MINIMAL_API_KEY.replace(
                    "\"name\"", "\"api_key\": { \"header_prefix\": \"\" }, \"name\""));
            assertEquals(new HeaderInjection("Authorization", "", HeaderFormat.RAW), definition.injection());
            assertEquals("k", definition.injection().value("k"));
        }

        @Test
        void headerPrefixReplacesTheBearerDefault() throws Exception {
            ProviderDefinition definition = parse(MINIMAL_API_KEY.replace(
                    "\"name\"", "\"api_key\": { \"header_prefix\": \"Token \" }, \"name\""));
            assertEquals("Token k", definition.injection().value("k"));
        }

        @Test
        void basicHeaderFormat() throws Exception {
            ProviderDefinition definition = parse("""
                    {
                      "name": "mailchimp",
                      "auth_type": "api_key",
                      "api_url": "regex:^[a-z0-9]+\\\\.api\\\\.mailchimp\\\\.com$",
                      "api_key": { "header_format": "basic" }
                    }
                    """);
            assertEquals(HeaderFormat.BASIC, definition.injection().format());
            assertEquals(Route.Kind.REGEX, definition.routes().get(0).kind());
        }

        @Test
        void scopesMayBeOneSpaceSeparatedString() throws Exception {
            ProviderDefinition definition = parse(MINIMAL_PKCE.replace(
                    "\"token_url\"", "\"scopes\": \" read  write \", \"token_url\""));
            assertEquals(List.of("read", "write"), definition.oauth().scopes());
        }

        @Test
        void issuerMakesEndpointsOptional() throws Exception {
            ProviderDefinition definition = parse("""
                    {
                      "name": "microsoft",
                      "auth_type": "oauth2",
                      "flow": "device_code",
                      "api_url": "graph.microsoft.com",
                      "oauth": { "issuer": "https://login.microsoftonline.com/common/v2.0" }
                    }
                    """);
            assertEquals(Flow.DEVICE_CODE, definition.flow());
            assertNull(definition.oauth().tokenUrl());
            assertTrue(definition.oauth().supportsDeviceCode());
        }

        @Test
        void httpTokenUrlOnLoopbackIsAccepted() throws Exception {
            ProviderDefinition definition = parse(MINIMAL_PKCE.replace(
                    "https://api.linear.app/oauth/token", "http://127.0.0.1:8080/token"));
            assertEquals("http://127.0.0.1:8080/token", definition.oauth().tokenUrl());
        }
        @Test
        void nullInsideASectionCountsAsAbsent() throws Exception {
            ProviderDefinition definition = parse(MINIMAL_API_KEY.replace(
                    "\"name\"", "\"api_key\": { \"env_var\": null, \"key_pattern\": null }, \"name\""));
            assertNull(definition.apiKey().envVar());
            assertNull(definition.apiKey().keyPattern());
        }
    }

    @Nested
    class RejectedDefinitions {
        @ParameterizedTest
        @ValueSource(strings = {"{ \"name\": ", "{ name: \"acme\" }", "not json at all",
                "{\"name\": \"a\", \"name\": \"b\"}"})
        void invalidJsonIsOneProblemWithoutField(String json) {
            List<ProviderProblem> problems = problemsOf(json);
            assertEquals(1, problems.size(), problems.toString());
            assertNull(problems.get(0).field());
            assertTrue(problems.get(0).message().contains("not valid JSON"), problems.get(0).message());
        }

        @ParameterizedTest
        @ValueSource(strings = {"[]", "\"acme\"", "42"})
        void jsonThatIsNotAnObjectIsRejected(String json) {
            List<ProviderProblem> problems = problemsOf(json);
            assertEquals(1, problems.size(), problems.toString());
            assertNull(problems.get(0).field());
            assertTrue(problems.get(0).message().contains("not a JSON object"), problems.get(0).message());
        }

        @Test
        void oauth2WithoutTokenUrlIsRejected() {
            List<ProviderProblem> problems = problemsOf(MINIMAL_PKCE.replace(
                    ",\n    \"token_url\": \"https://api.linear.app/oauth/token\"", ""));
            assertEquals(List.of("oauth.token_url"), fields(problems));
            assertTrue(problems.get(0).message().contains("required"), problems.get(0).message());
        }

        @Test
        void oauth2WithoutOauthSectionIsRejected() {
            List<ProviderProblem> problems = problemsOf("""
                    { "name": "acme", "auth_type": "oauth2", "api_url": "api.acme.com" }
                    """);
            problemFor(problems, "oauth");
        }

        @ParameterizedTest
        @ValueSource(strings = {"acme/evil", "../acme", "Acme", "-acme", "_acme", "ac me", "acmé"})
        void nameOutsideTheAllowedCharactersIsRejected(String name) {
            List<ProviderProblem> problems = problemsOf(MINIMAL_API_KEY.replace("\"acme\"", "\"" + name + "\""));
            assertEquals(List.of("name"), fields(problems));
            assertTrue(problems.get(0).message().contains(name), problems.get(0).message());
        }

        @Test
        void missingNameIsRejected() {
            List<ProviderProblem> problems = problemsOf("""
                    { "auth_type": "api_key", "api_url": "api.acme.com" }
                    """);
            assertEquals(List.of("name"), fields(problems));
        }

        @Test
        void missingAuthTypeIsRejected() {
            List<ProviderProblem> problems = problemsOf("""
                    { "name": "acme", "api_url": "api.acme.com" }
                    """);
            assertEquals(List.of("auth_type"), fields(problems));
        }

        @Test
        void unknownAuthTypeIsRejectedListingTheAllowedOnes() {
            ProviderProblem problem = problemFor(problemsOf(MINIMAL_API_KEY.replace("\"api_key\"", "\"basic\"")),
                    "auth_type");
            assertTrue(problem.message().contains("oauth2") && problem.message().contains("api_key"),
                    problem.message());
        }

        @Test
        void httpTokenUrlOnPublicHostIsRejected() {
            List<ProviderProblem> problems = problemsOf(MINIMAL_PKCE.replace(
                    "https://api.linear.app/oauth/token", "http://auth.example.com/token"));
            assertEquals(List.of("oauth.token_url"), fields(problems));
            assertTrue(problems.get(0).message().contains("https"), problems.get(0).message());
        }

        @Test
        void templatedUrlWithoutBaseUrlIsRejected() {
            List<ProviderProblem> problems = problemsOf(MINIMAL_PKCE.replace(
                    "https://api.linear.app/oauth/token", "{base_url}/oauth/token"));
            ProviderProblem problem = problemFor(problems, "oauth.token_url");
            assertTrue(problem.message().contains("oauth.base_url"), problem.message());
        }

        @Test
        void regexRouteThatDoesNotCompileIsRejected() {
            List<ProviderProblem> problems = problemsOf(MINIMAL_API_KEY.replace("api.acme.com", "regex:[unclosed"));
            assertEquals(List.of("api_url"), fields(problems));
            assertTrue(problems.get(0).message().contains("does not compile"), problems.get(0).message());
        }

        @Test
        void badRouteInListIsNamedByIndex() {
            List<ProviderProblem> problems = problemsOf(MINIMAL_API_KEY.replace(
                    "\"api.acme.com\"", "[\"api.acme.com\", \"http://api.acme.com/\"]"));
            assertEquals(List.of("api_url[1]"), fields(problems));
        }

        @Test
        void missingApiUrlIsRejected() {
            List<ProviderProblem> problems = problemsOf("""
                    { "name": "acme", "auth_type": "api_key" }
                    """);
            assertEquals(List.of("api_url"), fields(problems));
        }

        @Test
        void emptyApiUrlListIsRejected() {
            List<ProviderProblem> problems = problemsOf(MINIMAL_API_KEY.replace("\"api.acme.com\"", "[]"));
            assertEquals(List.of("api_url"), fields(problems));
        }

        @Test
        void baseUrlPlaceholderInApiUrlIsRejected() {
            List<ProviderProblem> problems = problemsOf(MINIMAL_API_KEY.replace("api.acme.com", "{base_url}/api/"));
            assertEquals(List.of("api_url"), fields(problems));
        }

        @Test
        void baseUrlApiUrlWithoutPlaceholderIsRejected() {
            List<ProviderProblem> problems = problemsOf(GITHUB_LIKE_PKCE.replace(
                    "\"{base_url}/api/v3/\"", "\"https://ghe.example.com/api/v3/\""));
            assertEquals(List.of("base_url_api_url"), fields(problems));
        }

        @ParameterizedTest
        @ValueSource(ints = {0, 2, 99})
        void unsupportedSchemaVersionIsTheOnlyProblem(int version) {
            // everything else is wrong too, but nothing else is read under an unknown schema
            List<ProviderProblem> problems = problemsOf("""
                    { "schema_version": %d, "name": "Bad/Name", "colour": "red" }
                    """.formatted(version));
            assertEquals(1, problems.size(), problems.toString());
            assertEquals("schema_version", problems.get(0).field());
            assertTrue(problems.get(0).message().contains(String.valueOf(version)), problems.get(0).message());
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"1\"", "1.0", "true"})
        void schemaVersionThatIsNotTheIntegerOneIsRejected(String version) {
            List<ProviderProblem> problems = problemsOf(MINIMAL_API_KEY.replace(
                    "\"name\"", "\"schema_version\": " + version + ", \"name\""));
            assertEquals(List.of("schema_version"), fields(problems));
        }

        @Test
        void oauthFlowForApiKeyAuthTypeIsRejected() {
            List<ProviderProblem> problems = problemsOf(MINIMAL_API_KEY.replace(
                    "\"name\"", "\"flow\": \"device_code\", \"name\""));
            assertEquals(List.of("flow"), fields(problems));
            assertTrue(problems.get(0).message().contains("device_code"), problems.get(0).message());
        }

        @Test
        void apiKeyFlowForOauth2AuthTypeIsRejected() {
            List<ProviderProblem> problems = problemsOf(MINIMAL_PKCE.replace(
                    "\"name\"", "\"flow\": \"api_key\", \"name\""));
            assertEquals(List.of("flow"), fields(problems));
        }

        @Test
        void unknownFlowIsRejected() {
            problemFor(problemsOf(MINIMAL_PKCE.replace("\"name\"", "\"flow\": \"implicit\", \"name\"")), "flow");
        }

        @Test
        void deviceCodeFlowWithoutDeviceEndpointIsRejected() {
            List<ProviderProblem> problems = problemsOf(MINIMAL_PKCE.replace(
                    "\"name\"", "\"flow\": \"device_code\", \"name\""));
            assertEquals(List.of("oauth.device_authorization_url"), fields(problems));
        }

        @Test
        void supportsDcrClaimWithoutRegistrationEndpointIsRejected() {
            List<ProviderProblem> problems = problemsOf(MINIMAL_PKCE.replace(
                    "\"token_url\"", "\"supports_dcr\": true, \"token_url\""));
            assertEquals(List.of("oauth.supports_dcr"), fields(problems));
        }

        @Test
        void unknownTopLevelFieldIsRejectedUnderItsName() {
            List<ProviderProblem> problems = problemsOf(MINIMAL_API_KEY.replace(
                    "\"name\"", "\"homepage\": \"https://acme.com\", \"name\""));
            assertEquals(List.of("homepage"), fields(problems));
            assertTrue(problems.get(0).message().contains("unknown"), problems.get(0).message());
        }

        @Test
        void unknownNestedFieldIsRejectedUnderItsDottedPath() {
            List<ProviderProblem> problems = problemsOf(MINIMAL_PKCE.replace(
                    "\"token_url\"", "\"client_id\": \"abc\", \"token_url\""));
            assertEquals(List.of("oauth.client_id"), fields(problems));
        }

        @Test
        void apiKeySectionOnOauth2ProviderIsRejected() {
            List<ProviderProblem> problems = problemsOf(MINIMAL_PKCE.replace(
                    "\"name\"", "\"api_key\": {}, \"name\""));
            assertEquals(List.of("api_key"), fields(problems));
        }

        @Test
        void oauthSectionOnApiKeyProviderIsRejected() {
            List<ProviderProblem> problems = problemsOf(MINIMAL_API_KEY.replace(
                    "\"name\"", "\"oauth\": {}, \"name\""));
            assertEquals(List.of("oauth"), fields(problems));
        }

        @Test
        void keyPatternThatDoesNotCompileIsRejected() {
            List<ProviderProblem> problems = problemsOf(MINIMAL_API_KEY.replace(
                    "\"name\"", "\"api_key\": { \"key_pattern\": \"sk-[a-z\" }, \"name\""));
            assertEquals(List.of("api_key.key_pattern"), fields(problems));
            assertTrue(problems.get(0).message().contains("does not compile"), problems.get(0).message());
        }

        @Test
        void apiKeyEnvVarThatIsNotAnEnvironmentVariableNameIsRejected() {
            List<ProviderProblem> problems = problemsOf(MINIMAL_API_KEY.replace(
                    "\"name\"", "\"api_key\": { \"env_var\": \"ACME-KEY\" }, \"name\""));
            assertEquals(List.of("api_key.env_var"), fields(problems));
        }

        @Test
        void headerNameThatIsNotAnHttpTokenIsRejected() {
            List<ProviderProblem> problems = problemsOf(MINIMAL_API_KEY.replace(
                    "\"name\"", "\"api_key\": { \"header_name\": \"X Api: Key\" }, \"name\""));
            assertEquals(List.of("api_key.header_name"), fields(problems));
        }

        @Test
        void headerPrefixThatIsNotAStringIsRejected() {
            List<ProviderProblem> problems = problemsOf(MINIMAL_API_KEY.replace(
                    "\"name\"", "\"api_key\": { \"header_prefix\": 42 }, \"name\""));
            assertEquals(List.of("api_key.header_prefix"), fields(problems));
        }

        @Test
        void headerPrefixWithBasicFormatIsRejected() {
            List<ProviderProblem> problems = problemsOf(MINIMAL_API_KEY.replace("\"name\"",
                    "\"api_key\": { \"header_format\": \"basic\", \"header_prefix\": \"Token \" }, \"name\""));
            assertEquals(List.of("api_key.header_prefix"), fields(problems));
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"1ACME_KEY\"", "\"ACME-KEY\"", "\"ACME KEY\"", "[\"ACME_KEY\", \"$ACME\"]"})
        void exportedEnvNameThatIsNotAnEnvironmentVariableNameIsRejected(String names) {
            List<ProviderProblem> problems = problemsOf(MINIMAL_API_KEY.replace(
                    "\"name\"", "\"export\": { \"env\": { \"api_key\": " + names + " } }, \"name\""));
            assertEquals(List.of("export.env.api_key"), fields(problems));
        }

        @Test
        void unknownCredentialFieldUnderExportEnvIsRejected() {
            List<ProviderProblem> problems = problemsOf(MINIMAL_API_KEY.replace(
                    "\"name\"", "\"export\": { \"env\": { \"password\": \"ACME_PASSWORD\" } }, \"name\""));
            assertEquals(List.of("export.env.password"), fields(problems));
        }

        @Test
        void wrongTypesAreRejectedPerField() {
            List<ProviderProblem> problems = problemsOf("""
                    {
                      "name": 42,
                      "auth_type": "oauth2",
                      "api_url": "api.acme.com",
                      "oauth": {
                        "authorization_url": "https://acme.com/authorize",
                        "token_url": "https://acme.com/token",
                        "pkce": "yes",
                        "extra_authorize_params": { "prompt": 1 }
                      }
                    }
                    """);
            assertEquals(List.of("name", "oauth.pkce", "oauth.extra_authorize_params.prompt"), fields(problems));
        }

        @Test
        void severalProblemsAreReportedAtOnce() {
            List<ProviderProblem> problems = problemsOf("""
                    {
                      "name": "Acme/Corp",
                      "auth_type": "oauth2",
                      "flow": "pkce",
                      "api_url": ["api.acme.com", "regex:[unclosed"],
                      "colour": "red",
                      "oauth": {
                        "authorization_url": "https://acme.com/oauth/authorize",
                        "token_url": "http://auth.acme.com/token"
                      },
                      "export": { "env": { "access_token": "ACME-TOKEN" } }
                    }
                    """);
            assertEquals(5, problems.size(), problems.toString());
            assertEquals(List.of("colour", "name", "oauth.token_url", "api_url[1]", "export.env.access_token"),
                    fields(problems));
        }

        @Test
        void exceptionMessageListsEveryProblemWithOrigin() {
            InvalidProviderException e = assertThrows(InvalidProviderException.class, () -> parse("""
                    { "name": "Acme", "auth_type": "api_key", "api_url": "api.acme.com", "colour": "red" }
                    """));
            assertEquals(2, e.problems().size(), e.problems().toString());
            assertTrue(e.getMessage().contains(ORIGIN + ": name: "), e.getMessage());
            assertTrue(e.getMessage().contains(ORIGIN + ": colour: unknown field"), e.getMessage());
        }

        @Test
        void originIsCarriedAsGiven() {
            String bundleOrigin = "bundle io.authsome.providers.github [42] entry /provider.json";
            InvalidProviderException e = assertThrows(InvalidProviderException.class,
                    () -> parser.parse("{".getBytes(StandardCharsets.UTF_8), bundleOrigin));
            assertEquals(bundleOrigin, e.problems().get(0).origin());
        }
    }

    @Nested
    class EdgeCases {
        @Test
        void nullValuedOptionalFieldsCountAsAbsent() throws Exception {
            ProviderDefinition definition = parse("""
                    {
                      "name": "acme",
                      "auth_type": "api_key",
                      "api_url": "api.acme.com",
                      "display_name": null,
                      "docs_url": null,
                      "flow": null
                    }
                    """);
            assertEquals("acme", definition.displayName());
            assertEquals(Flow.API_KEY, definition.flow());
        }

        @Test
        void emptyApiUrlIsReportedAlongsideOtherProblems() {
            List<ProviderProblem> problems = problemsOf("""
                    { "name": "Acme", "auth_type": "api_key", "api_url": [] }
                    """);
            assertEquals(List.of("name", "api_url"), fields(problems));
        }

        @Test
        void derivedEnvNameIsAValidEnvironmentVariableName() throws Exception {
            ProviderDefinition definition = parse(MINIMAL_API_KEY.replace("\"acme\"", "\"1password\""));
            assertTrue(definition.envNames().get(0).matches("^[A-Za-z_][A-Za-z0-9_]*$"), definition.envNames()
                    .toString());
        }

        @Test
        void blankScopeStringGivesNoEmptyScope() {
            String json = MINIMAL_PKCE.replace("\"token_url\"", "\"scopes\": \"\", \"token_url\"");
            try {
                ProviderDefinition definition = parse(json);
                assertFalse(definition.oauth().scopes().contains(""), definition.oauth().scopes().toString());
            } catch (InvalidProviderException e) {
                problemFor(e.problems(), "oauth.scopes");
            }
        }

        @Test
        void contentAfterTheObjectIsRejected() {
            List<ProviderProblem> problems = problemsOf(MINIMAL_API_KEY + " {\"name\": \"other\"}");
            assertEquals(1, problems.size(), problems.toString());
            assertNull(problems.get(0).field());
            assertTrue(problems.get(0).message().contains("not valid JSON"), problems.get(0).message());
        }
    }
}
