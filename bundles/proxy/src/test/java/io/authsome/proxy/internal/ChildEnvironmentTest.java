package io.authsome.proxy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.authsome.api.provider.ApiKeySettings;
import io.authsome.api.provider.AuthType;
import io.authsome.api.provider.Flow;
import io.authsome.api.provider.HeaderInjection;
import io.authsome.api.provider.Provider;
import io.authsome.api.provider.ProviderDefinition;
import io.authsome.api.provider.ProviderSource;
import io.authsome.api.provider.Route;
import io.authsome.api.vault.ConnectionState;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildEnvironmentTest {
    @TempDir
    Path home;

    @Test
    void theChildGetsTheProxyTrustAndPlaceholdersButNoSecret() throws Exception {
        ProviderDefinition definition = new ProviderDefinition(1, "openai", "OpenAI", AuthType.API_KEY, Flow.API_KEY,
                List.of(Route.parse("api.openai.com")), List.of(), HeaderInjection.BEARER, null,
                new ApiKeySettings(null, null, "OPENAI_KEY_FOR_LOGIN"), Map.of("api_key", List.of("OPENAI_API_KEY")), null, Map.of());
        RouteTable.Target target = new RouteTable.Target(new Provider(definition, ProviderSource.BUNDLED, "b"), "default",
                definition.routes(), ConnectionState.CONNECTED);
        ProxyCredentials credentials = ProxyCredentials.random();
        CertificateAuthority ca = CertificateAuthority.create(home);
        ChildTrust trust = ChildTrust.of(ca, home, null);
        Map<String, String> env = ChildEnvironment.of(Map.of("OPENAI_API_KEY", "sk-real-user-key",
                "AUTHSOME_PASSPHRASE", "vault-passphrase", "AUTHSOME_NEW_PASSPHRASE", "next-passphrase",
                "AUTHSOME_HOME", "/home/me/.authsome", "AUTHSOME_NO_DAEMON", "1",
                "JAVA_TOOL_OPTIONS", "-Xmx1g", "PATH", "/bin"),
                4321, credentials, trust, List.of(target));
        assertEquals(ChildEnvironment.PLACEHOLDER, env.get("OPENAI_API_KEY"));
        assertEquals(ChildEnvironment.PLACEHOLDER, env.get("OPENAI_KEY_FOR_LOGIN"));
        assertFalse(env.containsKey("AUTHSOME_PASSPHRASE"));
        assertFalse(env.containsKey("AUTHSOME_NEW_PASSPHRASE"));
        assertFalse(env.keySet().stream().anyMatch(name -> name.startsWith("AUTHSOME_")), env.keySet().toString());
        assertFalse(env.values().stream().anyMatch(value -> value.contains("sk-real-user-key")));
        String proxy = "http://authsome:" + credentials.password() + "@127.0.0.1:4321";
        for (String name : List.of("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy")) {
            assertEquals(proxy, env.get(name));
        }
        assertEquals("localhost,127.0.0.1,::1", env.get("NO_PROXY"));
        assertEquals(trust.bundle().toString(), env.get("NODE_EXTRA_CA_CERTS"));
        assertTrue(env.get("JAVA_TOOL_OPTIONS").contains("-Dhttps.proxyPort=4321"));
        assertTrue(env.get("JAVA_TOOL_OPTIONS").endsWith(" -Xmx1g"), "the caller's options come after, and win");
        assertEquals("/bin", env.get("PATH"));
    }

    @Test
    void aPluginProvidersFieldsThatAreNotSecretKeepTheirValuesSecretOnesGetThePlaceholderAbsentOnesGo()
            throws Exception {
        ProviderDefinition definition = new ProviderDefinition(1, "aws", "AWS", AuthType.PLUGIN, Flow.FIELDS,
                List.of(Route.parse("regex:.*\\.amazonaws\\.com")), List.of(), HeaderInjection.BEARER, null,
                new ApiKeySettings(null, null, null), Map.of("access_key_id", List.of("AWS_ACCESS_KEY_ID"),
                "secret_access_key", List.of("AWS_SECRET_ACCESS_KEY"), "session_token", List.of("AWS_SESSION_TOKEN"),
                "region", List.of("AWS_REGION", "AWS_DEFAULT_REGION")), null, Map.of(), "aws-sigv4");
        RouteTable.Target target = new RouteTable.Target(new Provider(definition, ProviderSource.CUSTOM, "aws.json"),
                "default", definition.routes(), ConnectionState.CONNECTED, Map.of("access_key_id", "AKIAEXAMPLE",
                "region", "eu-west-1", "fields", "access_key_id,secret_access_key,region", "flow", "fields"));
        ChildTrust trust = ChildTrust.of(CertificateAuthority.create(home), home, null);

        Map<String, String> env = ChildEnvironment.of(Map.of("AWS_SECRET_ACCESS_KEY", "real-inherited-secret",
                "AWS_SESSION_TOKEN", "real-inherited-session", "AWS_REGION", "us-east-1"), 4321,
                ProxyCredentials.random(), trust, List.of(target));

        assertEquals("AKIAEXAMPLE", env.get("AWS_ACCESS_KEY_ID"));
        assertEquals(ChildEnvironment.PLACEHOLDER, env.get("AWS_SECRET_ACCESS_KEY"));
        assertEquals("eu-west-1", env.get("AWS_REGION"));
        assertEquals("eu-west-1", env.get("AWS_DEFAULT_REGION"));
        assertFalse(env.containsKey("AWS_SESSION_TOKEN"), "a field the connection does not hold is not inherited");
        assertFalse(env.values().stream().anyMatch(value -> value.startsWith("real-inherited")));
    }

    @Test
    void aValueWithASpaceIsQuotedForTheJvmWhichSplitsJavaToolOptionsAtWhitespace() {
        assertEquals("-Dk=/plain/path", ChildEnvironment.jvmOption("k", "/plain/path"));
        assertEquals("-Dk=\"/home/Jane Doe/x.jks\"", ChildEnvironment.jvmOption("k", "/home/Jane Doe/x.jks"));
        assertEquals("-Dk='/a \"b/x.jks'", ChildEnvironment.jvmOption("k", "/a \"b/x.jks"));
    }

    @Test
    void theProxyCredentialsCheckInConstantTimeAndNeverPrint() {
        ProxyCredentials credentials = ProxyCredentials.random();
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString(("authsome:" + credentials.password())
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertTrue(credentials.accepts(basic));
        assertFalse(credentials.accepts(basic + "x"));
        assertFalse(credentials.accepts(null));
        assertFalse(credentials.toString().contains(credentials.password()));
    }
}
