package io.authsome.common.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.authsome.api.provider.ApiKeySettings;
import io.authsome.api.provider.AuthType;
import io.authsome.api.provider.Flow;
import io.authsome.api.provider.HeaderInjection;
import io.authsome.api.provider.ProviderDefinition;
import io.authsome.api.vault.Connection;
import io.authsome.api.vault.ConnectionState;
import io.authsome.api.vault.Secret;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A plugin connection's variables: values for fields that are not secret, placeholders for the rest, none for absent ones. */
class ExportedFieldsTest {
    private static final ProviderDefinition AWS = definition(Map.of(
            "access_key_id", List.of("AWS_ACCESS_KEY_ID"),
            "secret_access_key", List.of("AWS_SECRET_ACCESS_KEY"),
            "session_token", List.of("AWS_SESSION_TOKEN"),
            "region", List.of("AWS_REGION", "AWS_DEFAULT_REGION")));

    @Test
    void aFieldThatIsNotSecretHasItsValueASecretOneIsSecretAnAbsentOneIsAbsent() {
        Map<String, String> attributes = Map.of("access_key_id", "AKIAEXAMPLE", "region", "eu-west-1",
                ExportedFields.NAMES, "access_key_id,secret_access_key,region", "source", "input");

        List<ExportedFields.Variable> variables = ExportedFields.variables(AWS, attributes);

        assertEquals(List.of(
                new ExportedFields.Variable("AWS_ACCESS_KEY_ID", "access_key_id", ExportedFields.Kind.VALUE, "AKIAEXAMPLE"),
                new ExportedFields.Variable("AWS_SECRET_ACCESS_KEY", "secret_access_key", ExportedFields.Kind.SECRET, null),
                new ExportedFields.Variable("AWS_REGION", "region", ExportedFields.Kind.VALUE, "eu-west-1"),
                new ExportedFields.Variable("AWS_DEFAULT_REGION", "region", ExportedFields.Kind.VALUE, "eu-west-1"),
                new ExportedFields.Variable("AWS_SESSION_TOKEN", "session_token", ExportedFields.Kind.ABSENT, null)),
                variables, "the connection's fields in login order first, then the others by name");
    }

    @Test
    void exportRevealsTheSecretsItHoldsAndLeavesOutAbsentFields() {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("access_key_id", "AKIAEXAMPLE");
        attributes.put("region", "eu-west-1");
        attributes.put(ExportedFields.NAMES, "access_key_id,secret_access_key,region");
        Connection connection = new Connection("aws", "default", ConnectionState.CONNECTED,
                Map.of("secret_access_key", Secret.of("the-secret")), attributes, Instant.EPOCH, Instant.EPOCH, null);

        Map<String, String> values = ExportedFields.values(AWS, connection);

        assertEquals("AWS_ACCESS_KEY_ID=AKIAEXAMPLE AWS_SECRET_ACCESS_KEY=the-secret AWS_REGION=eu-west-1"
                        + " AWS_DEFAULT_REGION=eu-west-1",
                values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" ")));
        assertFalse(values.containsKey("AWS_SESSION_TOKEN"));
    }

    @Test
    void aMintedTokenIsASecretOnlyWhenTheConnectionMintsOne() {
        ProviderDefinition app = definition(Map.of("access_token", List.of("GH_TOKEN"), "app_id", List.of("GH_APP_ID")));
        Map<String, String> minted = Map.of("app_id", "4242", ExportedFields.NAMES, "app_id,private_key",
                Connection.MINTED_BY, "github-app");

        assertEquals(List.of(ExportedFields.Kind.VALUE, ExportedFields.Kind.SECRET),
                ExportedFields.variables(app, minted).stream().map(ExportedFields.Variable::kind).toList());
        assertEquals(ExportedFields.Kind.ABSENT, ExportedFields.variables(app, Map.of(ExportedFields.NAMES, "app_id",
                "app_id", "1")).get(1).kind());
    }

    @Test
    void providersWithoutPluginHaveNoFieldVariables() {
        ProviderDefinition apiKey = new ProviderDefinition(1, "acme", "Acme", AuthType.API_KEY, Flow.API_KEY, List.of(),
                List.of(), HeaderInjection.BEARER, null, null, Map.of("api_key", List.of("ACME_KEY")), null, Map.of());

        assertEquals(List.of(), ExportedFields.variables(apiKey, Map.of()));
    }

    private static ProviderDefinition definition(Map<String, List<String>> env) {
        return new ProviderDefinition(1, "aws", "AWS", AuthType.PLUGIN, Flow.FIELDS, List.of(), List.of(),
                HeaderInjection.BEARER, null, new ApiKeySettings(null, null, null), env, null, Map.of(), "test-sigv4");
    }
}
